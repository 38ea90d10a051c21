import type { Effect, Finding } from '../document/types.ts';
import type { CompiledPolicy, CompiledStatement } from './compile-policy.ts';

/** The policy types a decision combines (names used in reasons and `perKind`). */
export type PolicySetKind = 'identity' | 'resource' | 'boundary' | 'session' | 'scp' | 'rcp';

/** A statement that took part in a decision: which policy, which statement. Built once per set, never per request. */
export interface StatementReason {
  readonly kind: PolicySetKind;
  /** Position of the policy in its list (identity policies, or the policies of one SCP/RCP level). */
  readonly policyIndex: number;
  readonly policyName?: string;
  /** SCP/RCP level: 0 is the organization root, the last is the account. */
  readonly level?: number;
  readonly statementIndex: number;
  readonly sid?: string;
  readonly effect: Effect;
  /** JSON pointer of the statement inside its policy. */
  readonly pointer: string;
}

/** Something the engine could not evaluate; it never turns into an Allow. */
export interface Indeterminate {
  readonly kind: PolicySetKind;
  readonly policyIndex: number;
  readonly level?: number;
  readonly statementIndex?: number;
  readonly pointer: string;
  readonly problem: string;
}

/**
 * A statement filed in a set's action index, with its precomputed reason. The fields a decision reads are copied
 * flat from `compiled`, so scanning a candidate touches one object.
 */
export interface IndexedStatement {
  readonly compiled: CompiledStatement;
  readonly reason: StatementReason;
  /** `[reason]`, frozen: the reasons of a decision this statement alone matched, shared by every such decision. */
  readonly alone: readonly StatementReason[];
  /**
   * A one-entry cache of the frozen reasons `[reason, pairedWith.reason]` (decisions where exactly this statement
   * and then `pairedWith` matched, such as an identity Allow and the boundary Allow), so they allocate no array.
   */
  pairedWith: IndexedStatement | undefined;
  pair: readonly StatementReason[];
  readonly indeterminate: readonly Indeterminate[];
  readonly isDeny: boolean;
  readonly resources: CompiledStatement['resources'];
  readonly resourceNegated: boolean;
  readonly principal: CompiledStatement['principal'];
  readonly notPrincipal: CompiledStatement['notPrincipal'];
  readonly conditions: CompiledStatement['conditions'];
}

/** The candidate statements of every policy type for one action: one memo hit per decision. */
export interface ActionPlan {
  readonly identity: readonly IndexedStatement[];
  readonly resource: readonly IndexedStatement[];
  readonly boundary: readonly IndexedStatement[];
  readonly session: readonly IndexedStatement[];
  /** One list per SCP level (empty when the set has no SCPs). */
  readonly scpLevels: readonly (readonly IndexedStatement[])[];
  readonly rcp: readonly IndexedStatement[];
}

/** Statements of one policy type, indexed by action so a decision scans only candidates. */
export interface ActionIndex {
  readonly exact: ReadonlyMap<string, readonly IndexedStatement[]>;
  readonly service: ReadonlyMap<string, readonly IndexedStatement[]>;
  readonly global: readonly IndexedStatement[];
}

/** How many distinct actions a set's plan memo remembers (AWS has about 15,000 actions in total). */
export const MEMO_LIMIT = 4096;

/** The organization facts SCP/RCP applicability needs. */
export interface OrganizationInfo {
  readonly managementAccountId?: string;
}

/** A policy that failed to parse: the set fails closed (no Allow) while it is present. */
export interface PolicyProblem {
  readonly kind: PolicySetKind;
  readonly policyIndex: number;
  readonly level?: number;
  readonly findings: readonly Finding[];
}

/** Everything that applies to one principal (and resource), compiled and indexed: decide many times on it. */
export interface CompiledPolicySet {
  readonly identity: ActionIndex;
  readonly resource: ActionIndex | undefined;
  readonly boundary: ActionIndex | undefined;
  readonly session: ActionIndex | undefined;
  /** One index per SCP level; undefined when the principal's account is not governed by SCPs. */
  readonly scpLevels: readonly ActionIndex[] | undefined;
  /** All custom RCP levels merged (RCPFullAWSAccess is implied, so only denies matter). */
  readonly rcp: ActionIndex | undefined;
  readonly organization: OrganizationInfo;
  readonly problems: readonly PolicyProblem[];
  /** Memo: lowercased action → its {@link ActionPlan} (bounded by MEMO_LIMIT). */
  readonly plans: Map<string, ActionPlan>;
  /** The last plan used and its action: a run of decisions on one action skips even the `plans` lookup. */
  lastAction: string | undefined;
  lastPlan: ActionPlan | undefined;
}

/** The compiled policies of a set, by type (scenario names). */
export interface PolicySetInput {
  readonly identity?: readonly CompiledPolicy[];
  readonly resource?: CompiledPolicy | null;
  readonly permissionBoundary?: CompiledPolicy | null;
  readonly sessionPolicy?: CompiledPolicy | null;
  readonly scps?: readonly (readonly CompiledPolicy[])[] | null;
  readonly rcps?: readonly (readonly CompiledPolicy[])[] | null;
  readonly organization?: OrganizationInfo | null;
}

/** Builds the indexed set from compiled policies. `problems` lists policies that could not be compiled. */
export function createPolicySet(input: PolicySetInput, problems: readonly PolicyProblem[] = []): CompiledPolicySet {
  const one = (kind: PolicySetKind, p: CompiledPolicy | null | undefined) =>
    p === null || p === undefined ? undefined : buildIndex(kind, [p]);
  return {
    identity: buildIndex('identity', input.identity ?? []),
    resource: one('resource', input.resource),
    boundary: one('boundary', input.permissionBoundary),
    session: one('session', input.sessionPolicy),
    scpLevels:
      input.scps === null || input.scps === undefined
        ? undefined
        : input.scps.map((level, i) => buildIndex('scp', level, i)),
    rcp:
      input.rcps === null || input.rcps === undefined
        ? undefined
        : mergeIndexes(input.rcps.map((level, i) => buildIndex('rcp', level, i))),
    organization: input.organization ?? {},
    problems,
    plans: new Map(),
    lastAction: undefined,
    lastPlan: undefined,
  };
}

const NO_REASONS: readonly StatementReason[] = Object.freeze([]);

function push<K>(map: Map<K, IndexedStatement[]>, key: K, item: IndexedStatement): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [item]);
  else list.push(item);
}

function buildIndex(kind: PolicySetKind, policies: readonly CompiledPolicy[], level?: number): ActionIndex {
  const exact = new Map<string, IndexedStatement[]>();
  const service = new Map<string, IndexedStatement[]>();
  const global: IndexedStatement[] = [];
  policies.forEach((policy, policyIndex) => {
    for (const compiled of policy.statements) {
      const s = compiled.statement;
      const where = { kind, policyIndex, ...(level !== undefined ? { level } : {}) };
      const reason: StatementReason = Object.freeze({
        ...where,
        ...(policy.name !== undefined ? { policyName: policy.name } : {}),
        statementIndex: s.index,
        ...(s.sid !== undefined ? { sid: s.sid } : {}),
        effect: s.effect,
        pointer: s.pointer,
      });
      const indeterminate = compiled.unknownConditions.map((c) =>
        Object.freeze({ ...where, statementIndex: s.index, pointer: c.clause.pointer, problem: c.problem }),
      );
      const item: IndexedStatement = {
        compiled,
        reason,
        alone: Object.freeze([reason]),
        pairedWith: undefined,
        pair: NO_REASONS,
        indeterminate,
        isDeny: compiled.isDeny,
        resources: compiled.resources,
        resourceNegated: compiled.resourceNegated,
        principal: compiled.principal,
        notPrincipal: compiled.notPrincipal,
        conditions: compiled.conditions,
      };
      for (const key of compiled.indexKeys) {
        if (key.kind === 'exact') push(exact, key.action, item);
        else if (key.kind === 'service') push(service, key.service, item);
        else global.push(item);
      }
    }
  });
  return { exact, service, global };
}

function mergeIndexes(indexes: readonly ActionIndex[]): ActionIndex {
  const exact = new Map<string, IndexedStatement[]>();
  const service = new Map<string, IndexedStatement[]>();
  const global: IndexedStatement[] = [];
  for (const index of indexes) {
    for (const [k, list] of index.exact) for (const item of list) push(exact, k, item);
    for (const [k, list] of index.service) for (const item of list) push(service, k, item);
    global.push(...index.global);
  }
  return { exact, service, global };
}
