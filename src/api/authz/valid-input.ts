/**
 * A hand-written check of the authorize bodies that accepts only input the zod schemas of authorize-input.ts also
 * accept, and yields the same values. It spares the zod pass on every valid call; anything it does not accept (an
 * error, or a shape it is unsure of) goes to zod, so error messages come from one place only.
 */

type Json = Record<string, unknown>;

const ACTION = /^[A-Za-z0-9-]+:[A-Za-z0-9*?]+$/;
const ACCOUNT_ID = /^\d{12}$/;
const PAYLOAD_HASH = /^[0-9a-f]{64}$/;

const RESOURCE_KEYS = new Set(['arn', 'accountId']);
const REQUEST_KEYS = new Set(['method', 'path', 'query', 'headers', 'payloadHash', 'body']);
const QUESTION_KEYS = new Set(['action', 'resource', 'resourcePolicy', 'context']);
const SINGLE_KEYS = new Set(['request', 'principalArn', ...QUESTION_KEYS]);
const BATCH_KEYS = new Set(['request', 'principalArn', 'questions']);

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Own keys all in `allowed`; `__proto__` never (zod's copy would drop it, this check keeps the original object). */
function onlyKeys(value: Json, allowed: ReadonlySet<string>): boolean {
  for (const key in value) if (!allowed.has(key) || key === '__proto__') return false;
  return true;
}

function text(value: unknown, min: number, max: number): boolean {
  return typeof value === 'string' && value.length >= min && value.length <= max;
}

function optionalText(value: unknown, max: number): boolean {
  return value === undefined || text(value, 0, max);
}

/** `Record<string, string | string[]>` (headers, context). */
function stringsRecord(value: unknown): boolean {
  if (!isObject(value)) return false;
  for (const key in value) {
    if (key === '__proto__') return false;
    const v = value[key];
    if (typeof v === 'string') continue;
    if (!Array.isArray(v)) return false;
    for (const item of v) if (typeof item !== 'string') return false;
  }
  return true;
}

function forwardedRequest(value: unknown): boolean {
  if (!isObject(value) || !onlyKeys(value, REQUEST_KEYS)) return false;
  if (!text(value.method, 1, 16) || !text(value.path, 1, 8192) || !optionalText(value.query, 16384)) return false;
  if (!stringsRecord(value.headers)) return false;
  const hash = value.payloadHash;
  if (hash !== undefined && !(typeof hash === 'string' && PAYLOAD_HASH.test(hash))) return false;
  return optionalText(value.body, 7_000_000);
}

/** The question members of `value` (which may hold other keys; the caller checks those). */
function questionMembers(value: Json): boolean {
  if (!(typeof value.action === 'string' && ACTION.test(value.action))) return false;
  const resource = value.resource;
  if (!isObject(resource) || !onlyKeys(resource, RESOURCE_KEYS) || !text(resource.arn, 1, 2048)) return false;
  const account = resource.accountId;
  if (account !== undefined && !(typeof account === 'string' && ACCOUNT_ID.test(account))) return false;
  const policy = value.resourcePolicy;
  if (policy !== undefined && policy !== null && typeof policy !== 'string') {
    if (!isObject(policy)) return false;
    for (const key in policy) if (key === '__proto__') return false;
  }
  return value.context === undefined || stringsRecord(value.context);
}

/** Exactly one of `request` and `principalArn`, each valid. */
function subject(value: Json): boolean {
  if (value.request !== undefined) return value.principalArn === undefined && forwardedRequest(value.request);
  return text(value.principalArn, 1, 2048);
}

/** True when `body` is a valid `POST /v1/authorize` body (false: let zod decide and word the errors). */
export function isValidAuthorizeBody(body: unknown): body is Json {
  return isObject(body) && onlyKeys(body, SINGLE_KEYS) && subject(body) && questionMembers(body);
}

/** True when `body` is a valid `POST /v1/authorize/batch` body with 1 to `max` questions. */
export function isValidBatchBody(body: unknown, max: number): body is Json & { questions: Json[] } {
  if (!isObject(body) || !onlyKeys(body, BATCH_KEYS) || !subject(body)) return false;
  const questions = body.questions;
  if (!Array.isArray(questions) || questions.length < 1 || questions.length > max) return false;
  for (const q of questions) if (!isObject(q) || !onlyKeys(q, QUESTION_KEYS) || !questionMembers(q)) return false;
  return true;
}
