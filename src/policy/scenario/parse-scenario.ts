import { parsePolicy } from '../document/parse-policy.ts';
import type { DecisionValue } from '../evaluation/decision.ts';
import type { ScenarioPolicies } from '../evaluation/compile-policies.ts';
import type { OrganizationInfo } from '../evaluation/policy-set.ts';
import type { AuthorizationRequest } from '../evaluation/request.ts';
import { scenarioSchema } from './scenario-schema.ts';

/** One authorization question (scenario format §0), checked and normalised. */
export interface Scenario {
  readonly description?: string;
  readonly source?: string;
  readonly request: AuthorizationRequest;
  readonly policies: ScenarioPolicies;
  readonly organization?: OrganizationInfo;
  readonly expected?: DecisionValue;
}

/** A problem with a scenario: where (a dotted path) and what. */
export interface ScenarioError {
  readonly path: string;
  readonly message: string;
}

/** What {@link parseScenario} returns: never throws. */
export type ScenarioParseResult =
  | { readonly ok: true; readonly scenario: Scenario }
  | { readonly ok: false; readonly errors: readonly ScenarioError[] };

function pathText(path: readonly PropertyKey[]): string {
  return (
    path
      .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
      .join('')
      .replace(/^\./, '') || '(scenario)'
  );
}

/**
 * Parses a scenario (JSON text or value) with a strict schema, then parses every policy in it. Reports every
 * problem: schema errors (misspelt fields, wrong types) and policy findings, each with its path.
 */
export function parseScenario(input: unknown): ScenarioParseResult {
  let value: unknown = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (error) {
      return { ok: false, errors: [{ path: '(scenario)', message: `invalid JSON: ${(error as Error).message}` }] };
    }
  }
  const checked = scenarioSchema.safeParse(value);
  if (!checked.success) {
    return { ok: false, errors: checked.error.issues.map((i) => ({ path: pathText(i.path), message: i.message })) };
  }
  const s = checked.data;
  const errors: ScenarioError[] = [];
  const check = (doc: unknown, path: string) => {
    const parsed = parsePolicy(doc);
    if (!parsed.ok) {
      for (const f of parsed.findings) {
        const at = f.line !== undefined ? ` (line ${f.line}, column ${f.column})` : '';
        errors.push({ path: `${path}${f.pointer === '' ? '' : `#${f.pointer}`}`, message: `${f.message}${at}` });
      }
    }
  };
  const p = s.policies;
  for (const [i, d] of (p.identity ?? []).entries()) check(d, `policies.identity[${i}]`);
  if (p.resource != null) check(p.resource, 'policies.resource');
  if (p.permissionBoundary != null) check(p.permissionBoundary, 'policies.permissionBoundary');
  if (p.sessionPolicy != null) check(p.sessionPolicy, 'policies.sessionPolicy');
  for (const [name, levels] of [
    ['scps', p.scps],
    ['rcps', p.rcps],
  ] as const) {
    for (const [l, level] of (levels ?? []).entries()) {
      for (const [i, d] of level.entries()) check(d, `policies.${name}[${l}][${i}]`);
    }
  }
  if (errors.length > 0) return { ok: false, errors };

  const r = s.request;
  const context: Record<string, string | readonly string[]> = {};
  for (const [key, v] of Object.entries(r.context ?? {})) context[key] = Array.isArray(v) ? v.map(String) : String(v);
  const request: AuthorizationRequest = {
    principal: {
      ...r.principal,
      arn: r.principal.arn ?? null,
      accountId: r.principal.accountId ?? null,
    },
    action: r.action,
    resource: r.resource,
    context,
  };
  const scenario: Scenario = {
    ...(s.description !== undefined ? { description: s.description } : {}),
    ...(s.source !== undefined ? { source: s.source } : {}),
    request,
    policies: s.policies,
    ...(s.organization != null ? { organization: s.organization } : {}),
    ...(s.expected !== undefined ? { expected: s.expected } : {}),
  };
  return { ok: true, scenario };
}
