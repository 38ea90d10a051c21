import { changePasswordOperations } from './change-password.ts';
import { credentialReportOperations } from './credential-report.ts';
import { mfaDeviceOperations } from './mfa-devices.ts';
import { passwordPolicyOperations } from './password-policy.ts';
import type { SecurityOperations } from './security-operations.ts';
import type { ServiceCore } from './service-core.ts';
import { serviceSpecificCredentialOperations } from './service-specific-credentials.ts';
import { signingCertificateOperations } from './signing-certificates.ts';
import { sshPublicKeyOperations } from './ssh-public-keys.ts';

/** Every account-security operation over the shared service core. */
export function securityOperations(core: ServiceCore): SecurityOperations {
  return {
    ...passwordPolicyOperations(core),
    ...changePasswordOperations(core),
    ...mfaDeviceOperations(core),
    ...credentialReportOperations(core),
    ...sshPublicKeyOperations(core),
    ...signingCertificateOperations(core),
    ...serviceSpecificCredentialOperations(core),
  };
}
