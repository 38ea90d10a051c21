import { type ContextValue, type ContextValues, FlatContext, internKey } from '../matching/context.ts';
import { type ArnParts, parseArn } from '../matching/arn.ts';
import { serviceOf } from '../matching/action-matcher.ts';
import type { RequestPrincipal } from '../matching/principal.ts';
import { type RequestResource, requestResource } from '../matching/resource-matcher.ts';

/** The resource a request acts on. */
export interface RequestResourceInput {
  /** The resource ARN, or `*` for actions without resource-level permissions. */
  readonly arn: string;
  /** The account that owns the resource; when absent the resource is taken to be in the principal's account. */
  readonly accountId?: string | null;
  /**
   * The resource policy is a role trust policy or a KMS key policy, which must name the caller explicitly
   * (item 108). When absent it is inferred: `sts:AssumeRole*`, `sts:TagSession`, `sts:SetSourceIdentity`,
   * `sts:SetContext` and every `kms:` action.
   */
  readonly requiresExplicitTrust?: boolean;
}

/** One authorization question (scenario format §0.1 `request`). */
export interface AuthorizationRequest {
  readonly principal: RequestPrincipal;
  /** `service:Action` as the service authorizes it. */
  readonly action: string;
  readonly resource: RequestResourceInput;
  /** Request and environment keys: strings, or arrays for multivalued keys. Principal-derived keys are added. */
  readonly context?: Readonly<Record<string, string | readonly string[]>>;
}

const PREPARED: unique symbol = Symbol('iamd.preparedRequest');

/**
 * A request normalised once (lowercased action, split ARN, lowercased context map): decide many times on it.
 * The resource fields of {@link RequestResource} are copied onto it, so the statement scan reads one object.
 */
export interface PreparedRequest extends RequestResource {
  readonly [PREPARED]: true;
  readonly request: AuthorizationRequest;
  readonly principal: RequestPrincipal;
  /** The action as the request spelled it (copied so a decision never reads the raw request). */
  readonly action: string;
  readonly lowerAction: string;
  readonly service: string;
  readonly resource: RequestResource;
  /** The ARN split into parts; undefined when not an ARN. */
  readonly resourceParts: ArnParts | undefined;
  readonly resourceAccountId: string | null;
  readonly requiresExplicitTrust: boolean;
  readonly context: ContextValues;
}

/**
 * The prepared request: only what a decision reads is stored, hot fields first, so the request stays small (a
 * benchmark over 10,000 distinct requests is bound by memory traffic); the rest is derived when read.
 */
class Prepared implements PreparedRequest {
  readonly principal: RequestPrincipal;
  readonly lowerAction: string;
  readonly resourceArn: string;
  readonly resourceStart: number;
  readonly resourceService: string;
  readonly resourceAccount: string;
  readonly resourceRegion: string;
  readonly resourcePartition: string;
  readonly resourcePrefix: string;
  readonly context: ContextValues;
  readonly resourceAccountId: string | null;
  readonly requiresExplicitTrust: boolean;
  readonly action: string;
  readonly request: AuthorizationRequest;
  constructor(request: AuthorizationRequest, lowerAction: string, resource: RequestResource) {
    const principal = request.principal;
    this.principal = principal;
    this.lowerAction = lowerAction;
    this.resourceArn = resource.resourceArn;
    this.resourceStart = resource.resourceStart;
    this.resourceService = resource.resourceService;
    this.resourceAccount = resource.resourceAccount;
    this.resourceRegion = resource.resourceRegion;
    this.resourcePartition = resource.resourcePartition;
    this.resourcePrefix = resource.resourcePrefix;
    this.context = buildContext(request);
    this.resourceAccountId = request.resource.accountId ?? principal.accountId ?? null;
    this.requiresExplicitTrust =
      request.resource.requiresExplicitTrust ?? (TRUST_ACTIONS.has(lowerAction) || lowerAction.startsWith('kms:'));
    this.action = request.action;
    this.request = request;
  }

  get [PREPARED](): true {
    return true;
  }

  get service(): string {
    return serviceOf(this.lowerAction);
  }

  get resource(): RequestResource {
    return requestResource(this.resourceArn);
  }

  get resourceParts(): ArnParts | undefined {
    return parseArn(this.resourceArn);
  }
}

const TRUST_ACTIONS = new Set([
  'sts:assumerole',
  'sts:assumerolewithsaml',
  'sts:assumerolewithwebidentity',
  'sts:tagsession',
  'sts:setsourceidentity',
  'sts:setcontext',
]);

/** Whether a value is an already-prepared request. */
export function isPreparedRequest(value: AuthorizationRequest | PreparedRequest): value is PreparedRequest {
  return value instanceof Prepared;
}

// Lowercased forms of keys and actions seen so far: requests repeat them, and a shared string hashes once.
const LOWER_LIMIT = 16_384;
const lowerCache = new Map<string, string>();

function lower(text: string): string {
  let out = lowerCache.get(text);
  if (out === undefined) {
    out = text.toLowerCase();
    if (lowerCache.size < LOWER_LIMIT) lowerCache.set(text, out);
  }
  return out;
}

/** Normalises a request once: the per-decision work then allocates little. */
export function prepareRequest(request: AuthorizationRequest): PreparedRequest {
  return new Prepared(request, lower(request.action), requestResource(request.resource.arn));
}

const PRINCIPAL_TYPE_NAME = {
  user: 'User',
  'role-session': 'AssumedRole',
  'federated-user': 'FederatedUser',
  root: 'Account',
  service: undefined,
  anonymous: 'Anonymous',
  // The type CloudTrail records for an AssumeRoleWithWebIdentity caller (userIdentity.type).
  'web-identity': 'WebIdentityUser',
} as const;

function put(map: Map<string, ContextValue>, key: string, value: string | null | undefined): void {
  if (value !== undefined && value !== null) map.set(key, value);
}

function lastSegment(arn: string | null): string | undefined {
  return arn === null ? undefined : arn.slice(arn.lastIndexOf('/') + 1);
}

// Principal objects are treated as immutable: their derived keys are computed once per object.
const principalKeysCache = new WeakMap<RequestPrincipal, ContextValues>();

const DERIVED_KEYS = new Set([
  'aws:principalarn',
  'aws:principalaccount',
  'aws:principaltype',
  'aws:username',
  'aws:userid',
  'aws:principalisawsservice',
  'aws:principalservicename',
  'aws:principalorgid',
]);

/** Keys only the principal may supply (§0.4): a request cannot set or spoof them, even where they are absent. */
function isDerivedKey(lowerKey: string): boolean {
  return DERIVED_KEYS.has(lowerKey) || lowerKey.startsWith('aws:principaltag/');
}

// A request's context key → its shared lowercase form, or null for a principal-derived key (dropped): one lookup
// per key, as requests repeat their key spellings.
const requestKeys = new Map<string, string | null>();

function requestKey(key: string): string | null {
  let out = requestKeys.get(key);
  if (out === undefined) {
    const lowerKey = key.toLowerCase();
    out = isDerivedKey(lowerKey) ? null : internKey(lowerKey);
    if (requestKeys.size < LOWER_LIMIT) requestKeys.set(key, out);
  }
  return out;
}

/** The request context: the request's keys plus the principal-derived keys of §0.4 (request copies of those are ignored). */
export function buildContext(request: AuthorizationRequest): ContextValues {
  let derived = principalKeysCache.get(request.principal);
  if (derived === undefined) {
    derived = flat(principalKeys(request.principal), undefined);
    principalKeysCache.set(request.principal, derived);
  }
  // The layers never share a key (request copies of principal-derived names are dropped), so order is free.
  const entries: (string | ContextValue)[] = [];
  let map: Map<string, ContextValue> | undefined;
  const context = request.context;
  if (context !== undefined) {
    for (const key in context) {
      const lowerKey = requestKey(key);
      if (lowerKey === null) continue;
      const value = context[key]!;
      if (map !== undefined) {
        map.set(lowerKey, value);
        continue;
      }
      // Two spellings of one key: the later one wins, as in a map.
      const at = keyIndex(entries, lowerKey);
      if (at >= 0) entries[at + 1] = value;
      else if (entries.length < 2 * FLAT_LIMIT) entries.push(lowerKey, value);
      else {
        map = new Map();
        for (let i = 0; i < entries.length; i += 2) map.set(entries[i] as string, entries[i + 1]!);
        map.set(lowerKey, value);
      }
    }
  }
  return map === undefined ? new FlatContext(entries, derived) : new MapContext(map, derived);
}

function keyIndex(entries: readonly (string | ContextValue)[], lowerKey: string): number {
  for (let i = 0; i < entries.length; i += 2) if (entries[i] === lowerKey) return i;
  return -1;
}

/** Small contexts become a {@link FlatContext}; large ones keep a `Map` (a linear search would cost more). */
const FLAT_LIMIT = 16;

function flat(map: Map<string, ContextValue>, next: ContextValues | undefined): ContextValues {
  if (map.size > FLAT_LIMIT) return new MapContext(map, next);
  const entries: (string | ContextValue)[] = [];
  for (const [key, value] of map) entries.push(internKey(key), value);
  return new FlatContext(entries, next);
}

class MapContext implements ContextValues {
  readonly #map: ReadonlyMap<string, ContextValue>;
  readonly #next: ContextValues | undefined;
  constructor(map: ReadonlyMap<string, ContextValue>, next: ContextValues | undefined) {
    this.#map = map;
    this.#next = next;
  }

  get(lowerKey: string): ContextValue | undefined {
    const value = this.#map.get(lowerKey);
    return value !== undefined || this.#next === undefined ? value : this.#next.get(lowerKey);
  }
}

/** The keys §0.4 derives from the principal. */
export function principalKeys(p: RequestPrincipal): Map<string, ContextValue> {
  const map = new Map<string, ContextValue>();
  const iam = p.type === 'user' || p.type === 'role-session' || p.type === 'federated-user' || p.type === 'root';
  if (iam) {
    put(map, 'aws:principalarn', p.type === 'role-session' ? p.roleArn : p.arn);
    put(map, 'aws:principalaccount', p.accountId);
    put(map, 'aws:principalisawsservice', 'false');
    put(map, 'aws:principalorgid', p.orgId);
    const tags = p.tags;
    if (tags !== undefined) for (const tag in tags) put(map, `aws:principaltag/${tag.toLowerCase()}`, tags[tag]);
  }
  put(map, 'aws:principaltype', PRINCIPAL_TYPE_NAME[p.type]);
  switch (p.type) {
    case 'user':
      put(map, 'aws:username', lastSegment(p.arn));
      put(map, 'aws:userid', p.userId);
      break;
    case 'role-session':
      put(map, 'aws:userid', p.userId);
      break;
    case 'federated-user':
      put(map, 'aws:userid', p.userId ?? `${p.accountId}:${lastSegment(p.arn)}`);
      break;
    case 'root':
      put(map, 'aws:userid', p.userId ?? p.accountId);
      break;
    case 'service':
      put(map, 'aws:principalisawsservice', 'true');
      put(map, 'aws:principalservicename', p.arn);
      break;
    case 'anonymous':
      put(map, 'aws:userid', 'anonymous');
      break;
    case 'web-identity':
      // Unsigned and outside IAM: AWS documents no aws:userid, aws:PrincipalArn or aws:PrincipalAccount for the
      // token bearer; the provider reaches policies as the Federated principal and sts's aws:FederatedProvider.
      break;
  }
  return map;
}
