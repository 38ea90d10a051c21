/** identity/: accounts, users, groups, roles, policies, instance profiles, access keys, login profiles; the store port and its contract suite. */
export type { Caller, RequestContext } from './request-context.ts';
export type * from './iam-types.ts';
export type * from './policy-types.ts';
export type {
  IamOperations,
  IamActionName,
  IdentityOperations,
  PolicyRoleOperations,
  PolicyRoleActionName,
  AnyIamActionName,
} from './iam-operations.ts';
export type * from './identity-store.ts';
export type * from './enforcement-sources.ts';
export { type SecretSealer, createSealer } from './secret-sealer.ts';
export type {
  AccountService,
  AccountSummary,
  CredentialResolver,
  DefaultAccount,
  IdentityDeps,
  IdentityLogger,
  IdentityServices,
  PasswordCheck,
  ResolvedCredential,
  RootCredentials,
} from './services.ts';
export { createIdentityServices } from './create-identity-services.ts';
