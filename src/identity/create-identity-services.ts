import { accessKeyOperations } from './access-keys.ts';
import { authorizationDetailOperations } from './account-authorization-details.ts';
import { accountOperations } from './account-operations.ts';
import { createAccountService } from './account-service.ts';
import { AWS_MANAGED_POLICIES } from './aws-managed-catalog.ts';
import { boundaryOperations } from './boundaries.ts';
import { ChangeNotifier } from './change-notifier.ts';
import { CredentialCache } from './credential-cache.ts';
import { enforcementSources } from './principal-policy-source.ts';
import { roleUsageRecorder } from './role-usage.ts';
import { groupOperations } from './groups.ts';
import type { IamOperations } from './iam-operations.ts';
import { inlinePolicyOperations } from './inline-policies.ts';
import { instanceProfileOperations } from './instance-profiles.ts';
import { loginProfileOperations } from './login-profiles.ts';
import { managedPolicyOperations } from './managed-policies.ts';
import { managedPolicyDocuments } from './managed-policy-documents.ts';
import { oidcProviderDirectory, oidcProviderOperations } from './oidc-providers.ts';
import { attachmentOperations } from './policy-attachments.ts';
import { policyVersionOperations } from './policy-versions.ts';
import { roleOperations } from './roles.ts';
import { createMfaVerifier } from './mfa-verifier.ts';
import { passwordPolicyCheck } from './password-policy.ts';
import { securityOperations } from './create-security-operations.ts';
import { securityStatusService } from './security-status.ts';
import { createSignInService } from './sign-in.ts';
import type { ServiceCore } from './service-core.ts';
import { serviceLinkedRoleOperations } from './service-linked-roles.ts';
import type { IdentityDeps, IdentityLogger, IdentityServices } from './services.ts';
import { userOperations } from './users.ts';

const consoleLogger: IdentityLogger = { warn: (obj, msg) => console.warn(msg, obj) };

/** Wires the identity services over a store, a clock and a sealer. */
export function createIdentityServices(deps: IdentityDeps): IdentityServices {
  const logger = deps.logger ?? consoleLogger;
  const changes = deps.changes ?? new ChangeNotifier((e) => logger.warn({ err: String(e) }, 'a change listener failed'));
  const cache = new CredentialCache({ store: deps.store, sealer: deps.sealer, clock: deps.clock, logger, changes });
  const core: ServiceCore = {
    store: deps.store,
    clock: deps.clock,
    sealer: deps.sealer,
    cache,
    passwordCheck: deps.passwordCheck ?? passwordPolicyCheck(deps.store),
    logger,
    changes,
    catalog: AWS_MANAGED_POLICIES,
  };
  const iam: IamOperations = Object.freeze({
    ...userOperations(core),
    ...groupOperations(core),
    ...accessKeyOperations(core),
    ...loginProfileOperations(core),
    ...accountOperations(core),
    ...managedPolicyOperations(core),
    ...policyVersionOperations(core),
    ...attachmentOperations(core),
    ...inlinePolicyOperations(core),
    ...boundaryOperations(core),
    ...roleOperations(core),
    ...instanceProfileOperations(core),
    ...serviceLinkedRoleOperations(core),
    ...authorizationDetailOperations(core),
    ...securityOperations(core),
    ...oidcProviderOperations(core),
  });
  return Object.freeze({
    iam,
    accounts: createAccountService(core),
    credentials: cache,
    ...enforcementSources(core),
    roleUsage: roleUsageRecorder(core),
    managedPolicies: managedPolicyDocuments(core),
    oidcProviders: oidcProviderDirectory(core),
    mfa: createMfaVerifier(core),
    security: securityStatusService(core),
    signIn: createSignInService(core),
  });
}
