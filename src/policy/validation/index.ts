/** Policy validation: every finding, Access-Analyzer style. Reached through ../index.ts. */
export { validatePolicy, hasErrors, type ValidatePolicyOptions } from './validate-policy.ts';
export {
  type ActionCatalog,
  type IamdAction,
  IAMD_ACTIONS,
  IAMD_SERVICE_PREFIX,
} from './action-catalog.ts';
export { KIND_RULES, TRUST_ACTIONS, type KindRules } from './check-policy-kind.ts';
export { BASE_OPERATORS, type OperatorInfo, type OperatorValueType } from './operator-catalog.ts';
export { FINDING_CODES, type FindingCodeInfo } from './finding-codes.ts';
