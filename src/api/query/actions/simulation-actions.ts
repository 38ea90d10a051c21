import type { ActionHandler } from '../action-handler.ts';
import { decodeInput } from '../input-decoder.ts';
import { list, oneOf, optional, paging, required, str, struct } from '../shapes.ts';

const contextEntry = struct({
  ContextKeyName: optional(str),
  ContextKeyValues: optional(list(str)),
  ContextKeyType: optional(
    oneOf(
      'string',
      'stringList',
      'numeric',
      'numericList',
      'boolean',
      'booleanList',
      'ip',
      'ipList',
      'binary',
      'binaryList',
      'date',
      'dateList',
    ),
  ),
});
const simulation = {
  PermissionsBoundaryPolicyInputList: optional(list(str)),
  ActionNames: required(list(str)),
  ResourceArns: optional(list(str)),
  ResourcePolicy: optional(str),
  ResourceOwner: optional(str),
  CallerArn: optional(str),
  ContextEntries: optional(list(contextEntry)),
  ResourceHandlingOption: optional(str),
  ...paging,
} as const;
const simulatePrincipalPolicy = struct({
  PolicySourceArn: required(str),
  PolicyInputList: optional(list(str)),
  ...simulation,
});
const simulateCustomPolicy = struct({ PolicyInputList: required(list(str)), ...simulation });
const getContextKeysForPrincipalPolicy = struct({
  PolicySourceArn: required(str),
  PolicyInputList: optional(list(str)),
});
const getContextKeysForCustomPolicy = struct({ PolicyInputList: required(list(str)) });

/** The IAM policy simulator actions, answered by authorization/ on the enforcement code path. */
export const SIMULATION_ACTIONS = {
  SimulatePrincipalPolicy: ({ ctx, params, services }) =>
    services.authorizer.simulatePrincipalPolicy(ctx, decodeInput(simulatePrincipalPolicy, params)),
  SimulateCustomPolicy: ({ ctx, params, services }) =>
    services.authorizer.simulateCustomPolicy(ctx, decodeInput(simulateCustomPolicy, params)),
  GetContextKeysForPrincipalPolicy: ({ ctx, params, services }) =>
    services.authorizer.getContextKeysForPrincipalPolicy(ctx, decodeInput(getContextKeysForPrincipalPolicy, params)),
  GetContextKeysForCustomPolicy: ({ ctx, params, services }) =>
    services.authorizer.getContextKeysForCustomPolicy(ctx, decodeInput(getContextKeysForCustomPolicy, params)),
} satisfies Record<string, ActionHandler>;
