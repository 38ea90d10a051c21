/** The door to the policy language: the only file others import. */
export type {
  PolicyKind,
  PolicySizeClass,
  PolicyDocument,
  Statement,
  ConditionClause,
  PrincipalElement,
  Effect,
  Finding,
  Severity,
  ParseResult,
} from './document/types.ts';
export { parsePolicy, POLICY_SIZE_LIMITS, sizeLimitOf, type ParsePolicyOptions } from './document/parse-policy.ts';
export { printPolicy } from './document/print-policy.ts';
export { parseArn, type ArnParts } from './matching/arn.ts';
export type { PrincipalType, RequestPrincipal } from './matching/principal.ts';
export { compilePolicy, type CompiledPolicy, type CompiledStatement } from './evaluation/compile-policy.ts';
export {
  compilePolicies,
  type ScenarioPolicies,
  type PolicyInput,
  type PolicyAuthorizer,
  type CompilePoliciesOptions,
} from './evaluation/compile-policies.ts';
export {
  createPolicySet,
  type CompiledPolicySet,
  type PolicySetInput,
  type PolicySetKind,
  type StatementReason,
  type Indeterminate,
  type OrganizationInfo,
  type PolicyProblem,
} from './evaluation/policy-set.ts';
export { decide } from './evaluation/decide.ts';
export type { Decision, DecisionValue, DecisionRow, KindOutcome } from './evaluation/decision.ts';
export { denialPhrase, accessDeniedMessage, type DenyCause } from './evaluation/denial-phrase.ts';
export {
  prepareRequest,
  type AuthorizationRequest,
  type PreparedRequest,
  type RequestResourceInput,
} from './evaluation/request.ts';
export {
  parseScenario,
  type Scenario,
  type ScenarioError,
  type ScenarioParseResult,
} from './scenario/parse-scenario.ts';
export { simulate, type SimulationResult } from './scenario/simulate.ts';
export {
  validatePolicy,
  hasErrors,
  IAMD_ACTIONS,
  IAMD_SERVICE_PREFIX,
  FINDING_CODES,
  type ActionCatalog,
  type ValidatePolicyOptions,
  type IamdAction,
  type FindingCodeInfo,
} from './validation/index.ts';
