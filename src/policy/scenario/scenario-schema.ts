import { z } from 'zod';

const policyDocument = z.union([z.string(), z.record(z.string(), z.unknown())]);
const levels = z.array(z.array(policyDocument));

const principal = z.strictObject({
  type: z.enum(['user', 'role-session', 'federated-user', 'root', 'service', 'anonymous', 'web-identity']),
  arn: z.string().min(1).nullable().optional(),
  accountId: z.string().min(1).nullable().optional(),
  roleArn: z.string().min(1).optional(),
  sourceUserArn: z.string().min(1).optional(),
  userId: z.string().optional(),
  tags: z.record(z.string(), z.string()).optional(),
  orgId: z.string().optional(),
  isServiceLinkedRole: z.boolean().optional(),
});

const contextValue = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.array(z.union([z.string(), z.number(), z.boolean()])),
]);

/** The scenario format of reference/policy-semantics.md §0, strict: an unknown or misspelt field fails. */
export const scenarioSchema = z.strictObject({
  description: z.string().optional(),
  /** A URL citing the AWS documentation page the scenario comes from. */
  source: z.string().optional(),
  request: z.strictObject({
    principal,
    action: z.string().min(1),
    resource: z.strictObject({
      arn: z.string().min(1),
      accountId: z.string().min(1).nullable().optional(),
      requiresExplicitTrust: z.boolean().optional(),
    }),
    context: z.record(z.string(), contextValue).optional(),
  }),
  policies: z.strictObject({
    identity: z.array(policyDocument).nullable().optional(),
    resource: policyDocument.nullable().optional(),
    permissionBoundary: policyDocument.nullable().optional(),
    scps: levels.nullable().optional(),
    rcps: levels.nullable().optional(),
    sessionPolicy: policyDocument.nullable().optional(),
  }),
  organization: z.strictObject({ managementAccountId: z.string().optional() }).nullable().optional(),
  expected: z.enum(['Allow', 'ExplicitDeny', 'ImplicitDeny']).optional(),
});

/** A scenario as the schema reads it (before policies are parsed). */
export type ScenarioInput = z.infer<typeof scenarioSchema>;
