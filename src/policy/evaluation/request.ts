import type { ArnParts } from '../matching/arn.ts';
import type { ContextValue, ContextValues } from '../matching/context.ts';
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

/** A request normalised once (lowercased action, split ARN, lowercased context map): decide many times on it. */
export interface PreparedRequest {
  readonly [PREPARED]: true;
  readonly request: AuthorizationRequest;
  readonly principal: RequestPrincipal;
  /** The action as the request spelled it (copied so a decision never reads the raw request). */
  readonly action: string;
  readonly lowerAction: string;
  readonly service: string;
  readonly resource: RequestResource;
  /** `resource.arn` and `resource.parts` again, so the statement scan reads them from this object. */
  readonly resourceArn: string;
  readonly resourceParts: ArnParts | undefined;
  readonly resourceAccountId: string | null;
  readonly requiresExplicitTrust: boolean;
  readonly context: ContextValues;
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
  return (value as Partial<PreparedRequest>)[PREPARED] === true;
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
  const lowerAction = lower(request.action);
  const colon = lowerAction.indexOf(':');
  const service = colon < 0 ? '' : lowerAction.slice(0, colon);
  const principal = request.principal;
  const resource = requestResource(request.resource.arn);
  return {
    [PREPARED]: true,
    request,
    principal,
    action: request.action,
    lowerAction,
    service,
    resource,
    resourceArn: resource.arn,
    resourceParts: resource.parts,
    resourceAccountId: request.resource.accountId ?? principal.accountId ?? null,
    requiresExplicitTrust:
      request.resource.requiresExplicitTrust ?? (TRUST_ACTIONS.has(lowerAction) || service === 'kms'),
    context: buildContext(request),
  };
}

const PRINCIPAL_TYPE_NAME = {
  user: 'User',
  'role-session': 'AssumedRole',
  'federated-user': 'FederatedUser',
  root: 'Account',
  service: undefined,
  anonymous: 'Anonymous',
} as const;

function put(map: Map<string, ContextValue>, key: string, value: string | null | undefined): void {
  if (value !== undefined && value !== null) map.set(key, value);
}

function lastSegment(arn: string | null): string | undefined {
  return arn === null ? undefined : arn.slice(arn.lastIndexOf('/') + 1);
}

/** Two layers: the principal-derived keys (shared by every request of that principal) over the request's keys. */
class LayeredContext implements ContextValues {
  readonly #principal: ReadonlyMap<string, ContextValue>;
  readonly #request: ReadonlyMap<string, ContextValue>;
  constructor(principal: ReadonlyMap<string, ContextValue>, request: ReadonlyMap<string, ContextValue>) {
    this.#principal = principal;
    this.#request = request;
  }

  get(lowerKey: string): ContextValue | undefined {
    // The layers never share a key (buildContext drops principal-derived names from the request), so order is free.
    const value = this.#request.get(lowerKey);
    return value !== undefined ? value : this.#principal.get(lowerKey);
  }
}

// Principal objects are treated as immutable: their derived keys are computed once per object.
const principalKeysCache = new WeakMap<RequestPrincipal, ReadonlyMap<string, ContextValue>>();

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

/** The request context: the request's keys plus the principal-derived keys of §0.4 (request copies of those are ignored). */
export function buildContext(request: AuthorizationRequest): ContextValues {
  const map = new Map<string, ContextValue>();
  const context = request.context;
  if (context !== undefined) {
    for (const key in context) {
      const lowerKey = lower(key);
      if (!isDerivedKey(lowerKey)) map.set(lowerKey, context[key]!);
    }
  }
  let derived = principalKeysCache.get(request.principal);
  if (derived === undefined) {
    derived = principalKeys(request.principal);
    principalKeysCache.set(request.principal, derived);
  }
  return new LayeredContext(derived, map);
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
  }
  return map;
}
