import { assertNever } from './assert-never.ts';
import type { DenyCause } from './denial-phrase.ts';
import { type Decision, DecisionResult, type DecisionRow, type DecisionValue } from './decision.ts';
import type { CompiledPolicySet, Indeterminate, StatementReason } from './policy-set.ts';
import { type AuthorizationRequest, isPreparedRequest, type PreparedRequest, prepareRequest } from './request.ts';
import { ALLOW, DENY, GRANT_ACCOUNT, GRANT_DIRECT, GRANT_ROLE, GRANT_WILDCARD, type Scratch, planFor, scanList } from './scan.ts';

const NOT_APPLICABLE = -1;
const SCRATCH: Scratch = {
  matched: [],
  matchedCount: 0,
  indeterminate: undefined,
  keys: undefined,
  grants: 0,
  hasBoundary: false,
};
const EMPTY: readonly never[] = Object.freeze([]);

// Outcome codes, as packed into DecisionResult (see OUTCOMES in decision.ts).
const NA = 0;
const ALLOWED = 1;
const EXPLICIT = 2;
const IMPLICIT = 3;

function outcome(flags: number): number {
  if (flags === NOT_APPLICABLE) return NA;
  if (flags & DENY) return EXPLICIT;
  return flags & ALLOW ? ALLOWED : IMPLICIT;
}

/** A Deny matched: attributed in this order when several policy types deny. */
function denyingKind(
  scp: number,
  rcp: number,
  identity: number,
  resource: number,
  boundary: number,
  session: number,
): DenyCause | undefined {
  if (scp !== NOT_APPLICABLE && scp & DENY) return 'scp';
  if (rcp !== NOT_APPLICABLE && rcp & DENY) return 'rcp';
  if (identity !== NOT_APPLICABLE && identity & DENY) return 'identity';
  if (resource !== NOT_APPLICABLE && resource & DENY) return 'resource';
  if (boundary !== NOT_APPLICABLE && boundary & DENY) return 'boundary';
  if (session !== NOT_APPLICABLE && session & DENY) return 'session';
  return undefined;
}

/**
 * Decides one request against a compiled policy set: explicit deny anywhere wins, SCPs need an Allow at every
 * level, RCPs only deny, then grants combine per the same-account / explicit-trust / cross-account rules.
 * Accepts a raw request or one from `prepareRequest` (cheaper when deciding the same request many times).
 */
export function decide(set: CompiledPolicySet, request: AuthorizationRequest | PreparedRequest): Decision {
  const req = isPreparedRequest(request) ? request : prepareRequest(request);
  const p = req.principal;
  const type = p.type;
  const iamCaller = type === 'user' || type === 'role-session' || type === 'federated-user' || type === 'root';
  const sessionCaller = type === 'role-session' || type === 'federated-user';
  const management = set.organization.managementAccountId;
  const scpApplies =
    set.scpLevels !== undefined && iamCaller && p.accountId !== management && p.isServiceLinkedRole !== true;
  const boundaryApplies = set.boundary !== undefined && iamCaller && type !== 'root';
  // One scratch object reused by every decision: decide() is synchronous and calls no user code, so never re-entered.
  const s = SCRATCH;
  s.matchedCount = 0;
  s.indeterminate = undefined;
  s.keys = undefined;
  s.grants = 0;
  s.hasBoundary = boundaryApplies;

  // One memo hit gives the candidate statements of every policy type for the action.
  const plan = planFor(set, req.lowerAction);
  const identity = !iamCaller ? NOT_APPLICABLE : plan.identity.length === 0 ? 0 : scanList(plan.identity, req, s, 'none');
  const resource =
    set.resource === undefined
      ? NOT_APPLICABLE
      : plan.resource.length === 0
        ? 0
        : scanList(plan.resource, req, s, 'required');
  const boundary = !boundaryApplies
    ? NOT_APPLICABLE
    : plan.boundary.length === 0
      ? 0
      : scanList(plan.boundary, req, s, 'none');
  const session = sessionCaller && set.session !== undefined ? scanList(plan.session, req, s, 'none') : NOT_APPLICABLE;
  let scp = NOT_APPLICABLE;
  if (scpApplies) {
    let everyLevelAllows = true;
    scp = 0;
    const levels = plan.scpLevels;
    for (let i = 0; i < levels.length; i++) {
      const f = scanList(levels[i]!, req, s, 'none');
      scp |= f & DENY;
      if (!(f & ALLOW)) everyLevelAllows = false;
    }
    if (everyLevelAllows) scp |= ALLOW;
  }
  // RCPFullAWSAccess is implied at every level: an applicable RCP set allows unless a Deny matches.
  const rcp =
    set.rcp !== undefined && req.resourceAccountId !== management
      ? scanList(plan.rcp, req, s, 'default-all') | ALLOW
      : NOT_APPLICABLE;

  // A federated-user session without a session policy has no permissions (item 112); root has no identity policies.
  const identityOutcome = type === 'root' && identity === 0 ? NA : outcome(identity);
  const sessionOutcome = type === 'federated-user' && session === NOT_APPLICABLE ? IMPLICIT : outcome(session);
  const scpOutcome = outcome(scp);

  const boundaryOk = boundary === NOT_APPLICABLE || (boundary & ALLOW) !== 0;
  const sessionOk = sessionOutcome !== IMPLICIT;
  const identityOk = type === 'root' || (identity !== NOT_APPLICABLE && (identity & ALLOW) !== 0);
  const identitySide = iamCaller && identityOk && boundaryOk && sessionOk;
  const g = s.grants;
  const directGrant = (g & (GRANT_DIRECT | GRANT_WILDCARD)) !== 0;
  const roleGrant = (g & GRANT_ROLE) !== 0 && boundaryOk && sessionOk;
  const accountGrant = (g & GRANT_ACCOUNT) !== 0;
  const denier = denyingKind(scp, rcp, identity, resource, boundary, session);
  const sameAccount = req.resourceAccountId === p.accountId;

  let row: DecisionRow;
  if (req.lowerAction === 'sts:getcalleridentity') row = 'caller-identity';
  else if (denier !== undefined) row = 'explicit-deny';
  else if (set.problems.length > 0) row = 'policy-error';
  else if (scpOutcome === IMPLICIT) row = 'scp-no-allow';
  else if (!iamCaller)
    row = resource !== NOT_APPLICABLE && resource & ALLOW ? 'non-iam-caller-granted' : 'non-iam-caller-not-granted';
  else if (sameAccount && req.requiresExplicitTrust) {
    row =
      directGrant || roleGrant || (accountGrant && identitySide) ? 'explicit-trust-grant' : 'explicit-trust-no-grant';
  } else if (sameAccount) {
    row =
      directGrant || roleGrant
        ? 'same-account-resource-grant'
        : identitySide
          ? 'same-account-identity-grant'
          : 'same-account-no-grant';
  } else if (!identitySide) row = 'cross-account-no-identity-grant';
  else row = g !== 0 ? 'cross-account-grant' : 'cross-account-no-resource-grant';

  const identityCause: DenyCause = !identityOk ? 'identity' : !boundaryOk ? 'boundary' : 'session';
  let decision: DecisionValue;
  let cause: DenyCause | undefined;
  switch (row) {
    case 'caller-identity': // sts:GetCallerIdentity needs no permission and cannot be denied.
      decision = 'Allow';
      break;
    case 'explicit-deny': // A matching Deny in any applicable policy ends evaluation (item 95).
      decision = 'ExplicitDeny';
      cause = denier;
      break;
    case 'policy-error': // A policy could not be parsed: fail closed, never Allow.
      decision = 'ImplicitDeny';
      cause = 'policy-error';
      break;
    case 'scp-no-allow': // Some SCP level has no applicable Allow (item 98); even resource grants stop here.
      decision = 'ImplicitDeny';
      cause = 'scp';
      break;
    case 'non-iam-caller-granted': // Service, anonymous or web-identity caller named by the resource policy.
      decision = 'Allow';
      break;
    case 'non-iam-caller-not-granted': // Service, anonymous or web-identity caller: only a resource policy can allow.
      decision = 'ImplicitDeny';
      cause = 'resource';
      break;
    case 'same-account-resource-grant': // Resource policy names the caller itself, or its role within boundary/session (104, 105, 107).
      decision = 'Allow';
      break;
    case 'same-account-identity-grant': // Identity policy allows, capped by boundary and session policy (103, 109, 111).
      decision = 'Allow';
      break;
    case 'same-account-no-grant': // Nothing allows: the first missing layer is named.
      decision = 'ImplicitDeny';
      cause = identityCause;
      break;
    case 'explicit-trust-grant': // Trust/key policy names the caller (or its account, plus an identity allow) (108).
      decision = 'Allow';
      break;
    case 'explicit-trust-no-grant': // Trust/key policy must name the caller; an identity policy alone is not enough (108).
      decision = 'ImplicitDeny';
      cause = accountGrant && !identitySide ? identityCause : 'resource';
      break;
    case 'cross-account-grant': // Both sides allow (113).
      decision = 'Allow';
      break;
    case 'cross-account-no-identity-grant': // The caller's side (identity ∩ boundary ∩ session) does not allow (110, 113).
      decision = 'ImplicitDeny';
      cause = identityCause;
      break;
    case 'cross-account-no-resource-grant': // The resource's side does not name the caller, its role or its account (113).
      decision = 'ImplicitDeny';
      cause = 'resource';
      break;
    default:
      return assertNever(row);
  }

  let indeterminate: readonly Indeterminate[] = s.indeterminate ?? EMPTY;
  if (set.problems.length > 0) indeterminate = [...problemsAsIndeterminate(set), ...indeterminate];
  return new DecisionResult(
    decision,
    row,
    reasonsOf(s),
    identityOutcome |
      (outcome(resource) << 2) |
      (outcome(boundary) << 4) |
      (sessionOutcome << 6) |
      (scpOutcome << 8) |
      (outcome(rcp) << 10),
    s.keys,
    indeterminate,
    cause,
    req.action,
  );
}

/**
 * The reasons as an exactly sized array. One or two matched statements (the common case) reuse a frozen array
 * cached on the first statement, so most decisions allocate none; the scratch buffer is reused by the next decision.
 */
function reasonsOf(s: Scratch): readonly StatementReason[] {
  const n = s.matchedCount;
  if (n === 0) return EMPTY;
  const first = s.matched[0]!;
  if (n === 1) return first.alone;
  if (n === 2) {
    const second = s.matched[1]!;
    if (first.pairedWith !== second) {
      first.pairedWith = second;
      first.pair = Object.freeze([first.reason, second.reason]);
    }
    return first.pair;
  }
  const out: StatementReason[] = new Array<StatementReason>(n);
  for (let i = 0; i < n; i++) out[i] = s.matched[i]!.reason;
  return out;
}

function problemsAsIndeterminate(set: CompiledPolicySet): Indeterminate[] {
  return set.problems.map((pr) => ({
    kind: pr.kind,
    policyIndex: pr.policyIndex,
    ...(pr.level !== undefined ? { level: pr.level } : {}),
    pointer: '',
    problem: pr.findings.map((f) => f.message).join('; '),
  }));
}
