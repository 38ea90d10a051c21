import type { ChangeNotifier } from './change-notifier.ts';
import type { Clock } from '../shared/index.ts';
import type { IamOperations } from './iam-operations.ts';
import type { IdentityStore } from './identity-store.ts';
import type { OidcProviderDirectory } from './oidc-provider-types.ts';
import type { ManagedPolicyDocuments } from './policy-documents.ts';
import type {
  PrincipalPolicySource,
  ResourceDescriber,
  RoleTrustSource,
  RoleUsageRecorder,
} from './enforcement-sources.ts';
import type { Caller } from './request-context.ts';
import type { SecretSealer } from './secret-sealer.ts';
import type { MfaVerifier, SecurityStatusService, SignInService } from './security-ports.ts';

/** Root credentials of an account; the secret is shown once. */
export type RootCredentials = { accessKeyId: string; secretAccessKey: string };

/** What the server passes to create (and in dev mode, re-create) the default account. */
export type DefaultAccount = {
  accountId: string;
  rootAccessKeyId?: string;
  rootSecretAccessKey?: string;
  /** The root user's sign-in e-mail and password (IAMD_ROOT_EMAIL / IAMD_ROOT_PASSWORD), applied when they differ. */
  rootEmail?: string;
  rootPassword?: string;
};

/** An account as listed. */
export type AccountSummary = { accountId: string; alias?: string; createDate: Date };

/** Accounts and their root users. */
export interface AccountService {
  /** Creates the default account, its root user and a root key on first start; `rootCredentials` only then. */
  ensureDefaultAccount(defaults: DefaultAccount): Promise<{ created: boolean; rootCredentials?: RootCredentials }>;
  /** A new isolated account (random unique 12-digit id when absent) and its root credentials. */
  createAccount(options?: {
    accountId?: string;
    alias?: string;
    /** The root user's sign-in e-mail address (unique across accounts). */
    email?: string;
  }): Promise<{ accountId: string; rootCredentials: RootCredentials }>;
  /** Sets the root user's sign-in e-mail address. */
  setRootEmail(accountId: string, email: string): Promise<void>;
  /** Sets the root user's console password (argon2id; the account's password policy applies). */
  setRootPassword(accountId: string, password: string): Promise<void>;
  listAccounts(): Promise<AccountSummary[]>;
  /** The account id an alias names, if any. */
  resolveAlias(alias: string): Promise<string | undefined>;
  /** Dev mode: wipe everything and re-create the default account with the same root credentials. */
  reset(defaults: DefaultAccount): Promise<{ rootCredentials: RootCredentials }>;
}

/** A resolved long-term credential (hot path: from memory). */
export type ResolvedCredential = {
  accessKeyId: string;
  secretAccessKey: string;
  status: 'Active' | 'Inactive';
  accountId: string;
  caller: Caller;
};

/** Access key id → secret and caller, cached in memory and invalidated by the services' writes. */
export interface CredentialResolver {
  resolve(accessKeyId: string): Promise<ResolvedCredential | undefined>;
  /** Fire and forget: records last use at most once per key per minute; errors are logged, never thrown. */
  recordUse(accessKeyId: string, use: { service: string; region: string; at: Date }): void;
  /** Resolves when background last-used writes have finished (graceful shutdown, tests). */
  flush(): Promise<void>;
}

/** Hook run on every new password; by default the account password policy (issue 6). */
export type PasswordCheck = (accountId: string, password: string) => Promise<void>;

/** Minimal logger (pino-compatible) for background failures. */
export type IdentityLogger = { warn(obj: object, msg: string): void };

/** What createIdentityServices asks for. */
export type IdentityDeps = {
  store: IdentityStore;
  clock: Clock;
  sealer: SecretSealer;
  passwordCheck?: PasswordCheck;
  logger?: IdentityLogger;
  /** The change notifier the caches listen to (the server passes one so its generation watcher can emit). */
  changes?: ChangeNotifier;
};

/** The identity services the server wires into the API. */
export type IdentityServices = {
  iam: IamOperations;
  accounts: AccountService;
  credentials: CredentialResolver;
  /** Principals' policies for enforcement, with change notification. */
  policies: PrincipalPolicySource;
  /** Existing resources' ARNs, paths and tags for enforcement. */
  resources: ResourceDescriber;
  /** Roles' trust policies for STS. */
  roles: RoleTrustSource;
  /** Sets roles' RoleLastUsed (called by STS). */
  roleUsage: RoleUsageRecorder;
  /** Managed policy documents by ARN (STS session `PolicyArns`). */
  managedPolicies: ManagedPolicyDocuments;
  /** OpenID Connect providers by issuer, for STS AssumeRoleWithWebIdentity. */
  oidcProviders: OidcProviderDirectory;
  /** Checks MFA codes for STS (SerialNumber/TokenCode) and sign-in; fits sts/'s MfaVerifier port. */
  mfa: MfaVerifier;
  /** The account's security checklist (`iamd security status`, the authorize API's status endpoint). */
  security: SecurityStatusService;
  /** Console sign-in for IAM users and the root user (the session is minted by api/console). */
  signIn: SignInService;
};
