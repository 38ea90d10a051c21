/** identity/: accounts, users, groups, access keys, login profiles; the store port and its contract suite. */
export type { Caller, RequestContext } from './request-context.ts';
export type * from './iam-types.ts';
export type { IamOperations, IamActionName } from './iam-operations.ts';
export type * from './identity-store.ts';
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
