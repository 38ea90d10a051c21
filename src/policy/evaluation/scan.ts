import { evaluateCondition, type MissingKeys } from '../conditions/compile-condition.ts';
import { serviceOf } from '../matching/action-matcher.ts';
import type { PrincipalMatch } from '../matching/principal-matcher.ts';
import { matchPrincipal, notPrincipalExempts } from '../matching/principal-matcher.ts';
import { matchAnyResource } from '../matching/resource-matcher.ts';
import {
  type ActionIndex,
  type ActionPlan,
  type CompiledPolicySet,
  type Indeterminate,
  type IndexedStatement,
  MEMO_LIMIT,
} from './policy-set.ts';
import type { PreparedRequest } from './request.ts';

/** Scan result bit: a Deny statement matched. */
export const DENY = 1;
/** Scan result bit: an Allow statement matched. */
export const ALLOW = 2;
/** `Scratch.grants` bit: a resource-policy Allow named the caller itself. */
export const GRANT_DIRECT = 1;
/** `Scratch.grants` bit: it named the caller's role (or the IAM user behind a federated session). */
export const GRANT_ROLE = 2;
/** `Scratch.grants` bit: it named the caller's account. */
export const GRANT_ACCOUNT = 4;
/** `Scratch.grants` bit: it named `*` (or the caller through Allow + NotPrincipal). */
export const GRANT_WILDCARD = 8;

const GRANT_BITS: Readonly<Record<PrincipalMatch, number>> = {
  direct: GRANT_DIRECT,
  role: GRANT_ROLE,
  account: GRANT_ACCOUNT,
  wildcard: GRANT_WILDCARD,
};

/** How a policy type treats the Principal element: ignored, required (resource policies), or `*` when absent (RCPs). */
export type PrincipalRule = 'none' | 'required' | 'default-all';

/** Per-decision accumulators: the only allocations of a decision besides its result. */
export interface Scratch extends MissingKeys {
  /** The statements that applied, reused across decisions: only `matchedCount` entries are current. */
  readonly matched: IndexedStatement[];
  matchedCount: number;
  indeterminate: Indeterminate[] | undefined;
  grants: number;
  /** A permissions boundary applies to the caller (item 56). */
  hasBoundary: boolean;
}

const NONE: readonly IndexedStatement[] = Object.freeze([]);

/** The statements of an index whose action element matches the request's action, in index order. */
export function candidatesFor(index: ActionIndex, lowerAction: string, service: string): readonly IndexedStatement[] {
  const out: IndexedStatement[] = [...(index.exact.get(lowerAction) ?? NONE)];
  for (const item of index.service.get(service) ?? NONE) if (item.compiled.matchesAction(lowerAction)) out.push(item);
  for (const item of index.global) if (item.compiled.matchesAction(lowerAction)) out.push(item);
  return out.length === 0 ? NONE : out;
}

/** The candidate statements of every policy type of the set for the request's action (memoised per action). */
export function planFor(set: CompiledPolicySet, lowerAction: string): ActionPlan {
  if (set.lastAction === lowerAction) return set.lastPlan!;
  let plan = set.plans.get(lowerAction);
  if (plan === undefined) plan = newPlan(set, lowerAction, serviceOf(lowerAction));
  set.lastAction = lowerAction;
  set.lastPlan = plan;
  return plan;
}

function newPlan(set: CompiledPolicySet, lowerAction: string, service: string): ActionPlan {
  const of = (index: ActionIndex | undefined) =>
    index === undefined ? NONE : candidatesFor(index, lowerAction, service);
  const plan: ActionPlan = {
    identity: of(set.identity),
    resource: of(set.resource),
    boundary: of(set.boundary),
    session: of(set.session),
    scpLevels: set.scpLevels === undefined ? NONE_LEVELS : set.scpLevels.map(of),
    rcp: of(set.rcp),
  };
  if (set.plans.size < MEMO_LIMIT) set.plans.set(lowerAction, plan);
  return plan;
}

const NONE_LEVELS: readonly (readonly IndexedStatement[])[] = Object.freeze([]);

/** Evaluates candidate statements (from {@link planFor}) for the request; returns DENY/ALLOW bits. */
export function scanList(
  list: readonly IndexedStatement[],
  req: PreparedRequest,
  s: Scratch,
  rule: PrincipalRule,
): number {
  let flags = 0;
  const context = req.context;
  for (let i = 0; i < list.length; i++) {
    const item = list[i]!;
    const resources = item.resources;
    if (
      resources !== undefined &&
      matchAnyResource(resources, req, context) === item.resourceNegated
    )
      continue;
    let grant = 0;
    if (rule !== 'none') {
      grant = principalApplies(item, req, s.hasBoundary, rule);
      if (grant < 0) continue;
    }
    const conditions = item.conditions;
    let holds = true;
    for (let j = 0; j < conditions.length; j++) {
      if (!evaluateCondition(conditions[j]!, context, s)) {
        holds = false;
        break;
      }
    }
    if (!holds) continue;
    if (item.indeterminate.length > 0) {
      if (s.indeterminate === undefined) s.indeterminate = [];
      for (const x of item.indeterminate) s.indeterminate.push(x);
      // An unevaluable condition never lets an Allow apply; a Deny applies (fail closed).
      if (!item.isDeny) continue;
    }
    s.matched[s.matchedCount++] = item;
    if (item.isDeny) flags |= DENY;
    else {
      flags |= ALLOW;
      s.grants |= grant;
    }
  }
  return flags;
}

/** -1 when the statement does not apply to the caller; otherwise the GRANT_* bit (0 for Deny/NotPrincipal-less). */
function principalApplies(c: IndexedStatement, req: PreparedRequest, hasBoundary: boolean, rule: PrincipalRule): number {
  if (c.principal !== undefined) {
    const m = matchPrincipal(c.principal, req.principal);
    return m === undefined ? -1 : GRANT_BITS[m];
  }
  if (c.notPrincipal !== undefined) {
    if (c.isDeny) return hasBoundary || !notPrincipalExempts(c.notPrincipal, req.principal) ? 0 : -1;
    return matchPrincipal(c.notPrincipal, req.principal) === undefined ? GRANT_WILDCARD : -1;
  }
  return rule === 'default-all' ? GRANT_WILDCARD : -1;
}
