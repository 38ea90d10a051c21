import { z } from 'zod';
import { badInput } from './authz-error.ts';
import { isValidAuthorizeBody, isValidBatchBody } from './valid-input.ts';

/** Most questions one batch may ask. */
export const MAX_BATCH = 100;

const headerValue = z.union([z.string(), z.array(z.string())]);

/** The client's request as the platform received it: raw path and query, headers, and the body or its hash. */
const forwardedRequest = z
  .object({
    method: z.string().min(1).max(16),
    /** Raw path as received, percent-encoding intact; may carry `?query` when `query` is absent. */
    path: z.string().min(1).max(8192),
    query: z.string().max(16384).optional(),
    headers: z.record(z.string(), headerValue),
    payloadHash: z
      .string()
      .regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex digits')
      .optional(),
    /** The body, base64; use `payloadHash` instead for anything large. */
    body: z.string().max(7_000_000).optional(),
  })
  .strict();

const question = z
  .object({
    action: z.string().regex(/^[A-Za-z0-9-]+:[A-Za-z0-9*?]+$/, 'must be service:Action'),
    resource: z
      .object({
        arn: z.string().min(1).max(2048),
        accountId: z
          .string()
          .regex(/^\d{12}$/, 'must be a 12-digit account id')
          .optional(),
      })
      .strict(),
    resourcePolicy: z.union([z.string(), z.record(z.string(), z.unknown()), z.null()]).optional(),
    context: z.record(z.string(), z.union([z.string(), z.array(z.string())])).optional(),
  })
  .strict();

const who = {
  request: forwardedRequest.optional(),
  principalArn: z.string().min(1).max(2048).optional(),
};

const single = z.object({ ...who, ...question.shape }).strict();
const batch = z.object({ ...who, questions: z.array(question).min(1) }).strict();

/** The forwarded request as received. */
export type ForwardedRequest = z.infer<typeof forwardedRequest>;
/** One authorization question. */
export type AuthorizeQuestion = z.infer<typeof question>;
/** Who is asking about: a forwarded signed request, or an already authenticated principal. */
export type Subject = { readonly request: ForwardedRequest } | { readonly principalArn: string };
/** `POST /v1/authorize`. */
export type AuthorizeInput = { readonly subject: Subject; readonly question: AuthorizeQuestion };
/** `POST /v1/authorize/batch`. */
export type AuthorizeBatchInput = { readonly subject: Subject; readonly questions: readonly AuthorizeQuestion[] };

function issues(error: z.ZodError): string {
  return error.issues
    .slice(0, 10)
    .map((i) => `${i.path.length === 0 ? '(body)' : i.path.join('.')}: ${i.message}`)
    .join('; ');
}

function subjectOf(value: { request?: ForwardedRequest; principalArn?: string }): Subject {
  if (value.request !== undefined && value.principalArn !== undefined) {
    throw badInput('give either request or principalArn, not both', 'InvalidParameterCombination');
  }
  if (value.request !== undefined) return { request: value.request };
  if (value.principalArn !== undefined) return { principalArn: value.principalArn };
  throw badInput('one of request or principalArn is required', 'MissingParameter');
}

/** The question members of a body that passed the hand-written check (the same value zod would give). */
function questionOf(body: Record<string, unknown>): AuthorizeQuestion {
  const { action, resource, resourcePolicy, context } = body as AuthorizeQuestion;
  return {
    action,
    resource,
    ...(resourcePolicy !== undefined ? { resourcePolicy } : {}),
    ...(context !== undefined ? { context } : {}),
  };
}

/** The subject of a body that passed the hand-written check (exactly one of the two is set). */
function checkedSubject(body: Record<string, unknown>): Subject {
  return body.request !== undefined
    ? { request: body.request as ForwardedRequest }
    : { principalArn: body.principalArn as string };
}

/**
 * Decodes the body of `POST /v1/authorize`; throws AuthzError ValidationError with every problem's path. A valid
 * body is checked by hand (valid-input.ts); zod reads the rest and words the errors.
 */
export function decodeAuthorize(body: unknown): AuthorizeInput {
  if (isValidAuthorizeBody(body)) return { subject: checkedSubject(body), question: questionOf(body) };
  return decodeAuthorizeBySchema(body);
}

/** `decodeAuthorize` through the zod schema alone (the reference the hand-written check is tested against). */
export function decodeAuthorizeBySchema(body: unknown): AuthorizeInput {
  const parsed = single.safeParse(body);
  if (!parsed.success) throw badInput(issues(parsed.error));
  const { request, principalArn, ...q } = parsed.data;
  return {
    subject: subjectOf({ ...(request ? { request } : {}), ...(principalArn ? { principalArn } : {}) }),
    question: q,
  };
}

/** Decodes the body of `POST /v1/authorize/batch` (1 to 100 questions). */
export function decodeAuthorizeBatch(body: unknown): AuthorizeBatchInput {
  if (isValidBatchBody(body, MAX_BATCH)) {
    return { subject: checkedSubject(body), questions: body.questions.map(questionOf) };
  }
  return decodeAuthorizeBatchBySchema(body);
}

/** `decodeAuthorizeBatch` through the zod schema alone. */
export function decodeAuthorizeBatchBySchema(body: unknown): AuthorizeBatchInput {
  if (typeof body === 'object' && body !== null && Array.isArray((body as { questions?: unknown }).questions)) {
    const count = (body as { questions: unknown[] }).questions.length;
    if (count > MAX_BATCH) throw badInput(`questions: at most ${MAX_BATCH} questions per batch, got ${count}`);
  }
  const parsed = batch.safeParse(body);
  if (!parsed.success) throw badInput(issues(parsed.error));
  const { request, principalArn, questions } = parsed.data;
  return {
    subject: subjectOf({ ...(request ? { request } : {}), ...(principalArn ? { principalArn } : {}) }),
    questions,
  };
}
