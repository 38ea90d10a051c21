import { compileCondition, type CompiledCondition } from '../conditions/compile-condition.ts';
import type { PolicyDocument, Statement } from '../document/types.ts';
import { type ActionIndexKey, actionIndexKey, compileActionList } from '../matching/action-matcher.ts';
import type { ContextValues } from '../matching/context.ts';
import { compilePrincipal, type CompiledPrincipal } from '../matching/principal-matcher.ts';
import {
  compileResourceData,
  matchAnyResource,
  type RequestResource,
  type ResourcePattern,
} from '../matching/resource-matcher.ts';
import { VARIABLES_VERSION } from '../matching/variables.ts';

/** A statement with its matchers compiled. Immutable; shared by every decision that uses the policy. */
export interface CompiledStatement {
  readonly statement: Statement;
  readonly isDeny: boolean;
  /** Action or NotAction, already negated for NotAction; takes the lowercased action. */
  readonly matchesAction: (lowerAction: string) => boolean;
  /** Resource or NotResource (already negated); always true when the statement has neither (trust policies). */
  readonly matchesResource: (resource: RequestResource, context: ContextValues) => boolean;
  /** The Resource (or NotResource) entries as data for the hot path; undefined when the statement has neither. */
  readonly resources: readonly ResourcePattern[] | undefined;
  /** `resources` come from NotResource: the statement applies when none matches. */
  readonly resourceNegated: boolean;
  readonly principal: CompiledPrincipal | undefined;
  readonly notPrincipal: CompiledPrincipal | undefined;
  /** The clauses the engine can evaluate. */
  readonly conditions: readonly Exclude<CompiledCondition, { kind: 'unknown' }>[];
  /** Clauses it cannot: an Allow with any of these never applies; a Deny treats them as true (fail closed). */
  readonly unknownConditions: readonly Extract<CompiledCondition, { kind: 'unknown' }>[];
  /** Where the action index files this statement (several keys when its actions span services). */
  readonly indexKeys: readonly ActionIndexKey[];
}

/** A compiled policy document. */
export interface CompiledPolicy {
  readonly document: PolicyDocument;
  /** Optional name for reasons (e.g. a managed policy ARN or inline policy name). */
  readonly name: string | undefined;
  readonly statements: readonly CompiledStatement[];
}

/** Compiles a parsed policy once; decisions then never re-parse or re-compile it. */
export function compilePolicy(document: PolicyDocument, options: { readonly name?: string } = {}): CompiledPolicy {
  const variables = document.version === VARIABLES_VERSION;
  return {
    document,
    name: options.name,
    statements: document.statements.map((s) => compileStatement(s, variables)),
  };
}

function compileStatement(statement: Statement, variables: boolean): CompiledStatement {
  let matchesAction: (lowerAction: string) => boolean;
  let indexKeys: ActionIndexKey[];
  if (statement.action !== undefined) {
    matchesAction = compileActionList(statement.action);
    indexKeys = indexKeysOf(statement.action);
  } else {
    const excluded = compileActionList(statement.notAction ?? []);
    matchesAction = (a) => !excluded(a);
    indexKeys = [{ kind: 'global' }];
  }
  const entries = statement.resource ?? statement.notResource;
  const resources = entries?.map((r) => compileResourceData(r, variables));
  const resourceNegated = statement.resource === undefined && statement.notResource !== undefined;
  const matchesResource: CompiledStatement['matchesResource'] =
    resources === undefined
      ? () => true
      : resourceNegated
        ? (r, c) => !matchAnyResource(resources, r, c)
        : (r, c) => matchAnyResource(resources, r, c);
  const compiled = statement.conditions.map((c) => compileCondition(c, variables));
  return {
    statement,
    isDeny: statement.effect === 'Deny',
    matchesAction,
    matchesResource,
    resources,
    resourceNegated,
    principal: statement.principal === undefined ? undefined : compilePrincipal(statement.principal),
    notPrincipal: statement.notPrincipal === undefined ? undefined : compilePrincipal(statement.notPrincipal),
    conditions: compiled.filter((c): c is Exclude<CompiledCondition, { kind: 'unknown' }> => c.kind !== 'unknown'),
    unknownConditions: compiled.filter(
      (c): c is Extract<CompiledCondition, { kind: 'unknown' }> => c.kind === 'unknown',
    ),
    indexKeys,
  };
}

/**
 * Index keys for an Action list, filed so a request finds the statement in exactly one bucket: a service with
 * any wildcard pattern goes to that service's list only; exact patterns of other services to exact buckets;
 * a wildcard service part (`*`, `s3*:...`) to the global list.
 */
function indexKeysOf(actions: readonly string[]): ActionIndexKey[] {
  const keys = actions.map((a) => actionIndexKey(a.toLowerCase()));
  if (keys.some((k) => k.kind === 'global')) return [{ kind: 'global' }];
  const wildServices = new Set(keys.flatMap((k) => (k.kind === 'service' ? [k.service] : [])));
  const out: ActionIndexKey[] = [...wildServices].map((service) => ({ kind: 'service', service }));
  const exact = new Set<string>();
  for (const k of keys) {
    if (k.kind === 'exact' && !wildServices.has(k.action.slice(0, k.action.indexOf(':'))) && !exact.has(k.action)) {
      exact.add(k.action);
      out.push(k);
    }
  }
  return out;
}
