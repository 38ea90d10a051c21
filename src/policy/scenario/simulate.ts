import { compilePolicies } from '../evaluation/compile-policies.ts';
import type { Decision, DecisionValue } from '../evaluation/decision.ts';
import { parseScenario, type ScenarioError } from './parse-scenario.ts';

/** The decision for a scenario plus, when the scenario states one, the expected outcome and whether it matched. */
export type SimulationResult =
  | (Decision & { readonly ok: true; readonly expected?: DecisionValue; readonly pass?: boolean })
  | { readonly ok: false; readonly errors: readonly ScenarioError[] };

/** Evaluates one scenario (JSON text or value). An invalid scenario gives `{ ok: false, errors }`, never a throw. */
export function simulate(scenario: unknown): SimulationResult {
  const parsed = parseScenario(scenario);
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  const s = parsed.scenario;
  const decision = compilePolicies(s.policies, { organization: s.organization ?? null }).authorize(s.request);
  const plain =
    decision instanceof Object && 'toJSON' in decision ? (decision as { toJSON(): Decision }).toJSON() : decision;
  return {
    ok: true,
    ...plain,
    ...(s.expected !== undefined ? { expected: s.expected, pass: plain.decision === s.expected } : {}),
  };
}
