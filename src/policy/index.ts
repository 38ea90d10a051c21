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
