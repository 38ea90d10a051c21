/** identity/: accounts, users, groups, roles, policies, instance profiles, access keys, login profiles, account security (password policy, MFA, credential report, SSH keys, certificates, service credentials, sign-in, security status); the store port and its contract suites. */
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
export { ChangeNotifier, type ChangeOrigin } from './change-notifier.ts';
export type { ManagedPolicyDocuments } from './policy-documents.ts';
export { NON_USER_CREDENTIALS } from './request-context.ts';
export type { SecurityOperations, SecurityActionName } from './security-operations.ts';
export type * from './oidc-provider-types.ts';
export { oidcProviderArn, providerUrlOf } from './oidc-providers.ts';
export type * from './security-types.ts';
export type * from './security-ports.ts';
export { SIGN_IN_FAILED, SIGN_IN_LIMITS } from './sign-in.ts';
export { CREDENTIAL_REPORT_COLUMNS } from './credential-report.ts';
