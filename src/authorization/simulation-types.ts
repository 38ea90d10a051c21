/** The AWS shapes of the policy simulator (SimulatePrincipalPolicy, SimulateCustomPolicy, GetContextKeys...). */

/** `ContextEntry`: a key and its values for the simulation. */
export interface ContextEntry {
  readonly ContextKeyName?: string;
  readonly ContextKeyValues?: readonly string[];
  /** string | stringList | numeric | numericList | boolean | booleanList | ip | ipList | binary | binaryList | date | dateList */
  readonly ContextKeyType?: string;
}

/** The members both simulate actions take. */
export interface SimulationRequest {
  readonly ActionNames: readonly string[];
  readonly PolicyInputList?: readonly string[];
  readonly PermissionsBoundaryPolicyInputList?: readonly string[];
  readonly ResourceArns?: readonly string[];
  readonly ResourcePolicy?: string;
  readonly ResourceOwner?: string;
  readonly CallerArn?: string;
  readonly ContextEntries?: readonly ContextEntry[];
  readonly ResourceHandlingOption?: string;
  readonly MaxItems?: number;
  readonly Marker?: string;
}

/** SimulatePrincipalPolicy's input. */
export interface SimulatePrincipalPolicyInput extends SimulationRequest {
  readonly PolicySourceArn: string;
}

/** SimulateCustomPolicy's input. */
export interface SimulateCustomPolicyInput extends SimulationRequest {
  readonly PolicyInputList: readonly string[];
}

/** `Position` in a policy document. */
export interface Position {
  readonly Line: number;
  readonly Column: number;
}

/** `PolicySourceType`. */
export type PolicySourceType = 'user' | 'group' | 'role' | 'aws-managed' | 'user-managed' | 'resource' | 'none';

/** `Statement`: a statement that took part in the decision. */
export interface MatchedStatement {
  readonly SourcePolicyId: string;
  readonly SourcePolicyType: PolicySourceType;
  readonly StartPosition?: Position;
  readonly EndPosition?: Position;
}

/** `EvaluationResult`. */
export interface EvaluationResult {
  readonly EvalActionName: string;
  readonly EvalResourceName: string;
  readonly EvalDecision: 'allowed' | 'explicitDeny' | 'implicitDeny';
  readonly MatchedStatements: readonly MatchedStatement[];
  readonly MissingContextValues: readonly string[];
  readonly EvalDecisionDetails?: ReadonlyMap<string, string>;
  readonly PermissionsBoundaryDecisionDetail?: { readonly AllowedByPermissionsBoundary: boolean };
}

/** The result of both simulate actions. */
export interface SimulatePolicyResponse {
  readonly EvaluationResults: readonly EvaluationResult[];
  readonly IsTruncated: boolean;
  readonly Marker?: string;
}

/** GetContextKeysForPrincipalPolicy's input. */
export interface GetContextKeysForPrincipalPolicyInput {
  readonly PolicySourceArn: string;
  readonly PolicyInputList?: readonly string[];
}

/** GetContextKeysForCustomPolicy's input. */
export interface GetContextKeysForCustomPolicyInput {
  readonly PolicyInputList: readonly string[];
}

/** The result of both GetContextKeys actions. */
export interface GetContextKeysForPolicyResponse {
  readonly ContextKeyNames: readonly string[];
}
