import type { SecurityActionName } from '../../../identity/index.ts';
import type { ActionHandler } from '../action-handler.ts';
import { decodeInput } from '../input-decoder.ts';
import { bool, int, list, optional, paging, required, str, struct, tag } from '../shapes.ts';

const empty = struct({});
const passwordPolicy = struct({
  MinimumPasswordLength: optional(int),
  RequireSymbols: optional(bool),
  RequireNumbers: optional(bool),
  RequireUppercaseCharacters: optional(bool),
  RequireLowercaseCharacters: optional(bool),
  AllowUsersToChangePassword: optional(bool),
  MaxPasswordAge: optional(int),
  PasswordReusePrevention: optional(int),
  HardExpiry: optional(bool),
});
const changePassword = struct({ OldPassword: required(str), NewPassword: required(str) });
const createMfa = struct({ Path: optional(str), VirtualMFADeviceName: required(str), Tags: optional(list(tag)) });
const enableMfa = struct({
  UserName: required(str),
  SerialNumber: required(str),
  AuthenticationCode1: required(str),
  AuthenticationCode2: required(str),
});
const deactivateMfa = struct({ UserName: optional(str), SerialNumber: required(str) });
const serialOnly = struct({ SerialNumber: required(str) });
const listMfa = struct({ UserName: optional(str), ...paging });
const listVirtualMfa = struct({ AssignmentStatus: optional(str), ...paging });
const getMfa = struct({ SerialNumber: required(str), UserName: optional(str) });
const tagMfa = struct({ SerialNumber: required(str), Tags: required(list(tag)) });
const untagMfa = struct({ SerialNumber: required(str), TagKeys: required(list(str)) });
const listMfaTags = struct({ SerialNumber: required(str), ...paging });
const uploadSsh = struct({ UserName: required(str), SSHPublicKeyBody: required(str) });
const getSsh = struct({ UserName: required(str), SSHPublicKeyId: required(str), Encoding: required(str) });
const listSsh = struct({ UserName: optional(str), ...paging });
const updateSsh = struct({ UserName: required(str), SSHPublicKeyId: required(str), Status: required(str) });
const deleteSsh = struct({ UserName: required(str), SSHPublicKeyId: required(str) });
const uploadCert = struct({ UserName: optional(str), CertificateBody: required(str) });
const listCerts = struct({ UserName: optional(str), ...paging });
const updateCert = struct({ UserName: optional(str), CertificateId: required(str), Status: required(str) });
const deleteCert = struct({ UserName: optional(str), CertificateId: required(str) });
const createCredential = struct({ UserName: required(str), ServiceName: required(str) });
const listCredentials = struct({ UserName: optional(str), ServiceName: optional(str) });
const credentialId = struct({ UserName: optional(str), ServiceSpecificCredentialId: required(str) });
const updateCredential = struct({
  UserName: optional(str),
  ServiceSpecificCredentialId: required(str),
  Status: required(str),
});

/** Account-security actions (issue 6): password policy, MFA, credential report, SSH keys, certificates. */
export const SECURITY_ACTIONS = {
  UpdateAccountPasswordPolicy: ({ ctx, params, services }) =>
    services.iam.updateAccountPasswordPolicy(ctx, decodeInput(passwordPolicy, params)),
  GetAccountPasswordPolicy: ({ ctx, params, services }) =>
    services.iam.getAccountPasswordPolicy(ctx, decodeInput(empty, params)),
  DeleteAccountPasswordPolicy: ({ ctx, params, services }) =>
    services.iam.deleteAccountPasswordPolicy(ctx, decodeInput(empty, params)),
  ChangePassword: ({ ctx, params, services }) => services.iam.changePassword(ctx, decodeInput(changePassword, params)),
  CreateVirtualMFADevice: ({ ctx, params, services }) =>
    services.iam.createVirtualMFADevice(ctx, decodeInput(createMfa, params)),
  EnableMFADevice: ({ ctx, params, services }) => services.iam.enableMFADevice(ctx, decodeInput(enableMfa, params)),
  ResyncMFADevice: ({ ctx, params, services }) => services.iam.resyncMFADevice(ctx, decodeInput(enableMfa, params)),
  DeactivateMFADevice: ({ ctx, params, services }) =>
    services.iam.deactivateMFADevice(ctx, decodeInput(deactivateMfa, params)),
  DeleteVirtualMFADevice: ({ ctx, params, services }) =>
    services.iam.deleteVirtualMFADevice(ctx, decodeInput(serialOnly, params)),
  ListMFADevices: ({ ctx, params, services }) => services.iam.listMFADevices(ctx, decodeInput(listMfa, params)),
  ListVirtualMFADevices: ({ ctx, params, services }) =>
    services.iam.listVirtualMFADevices(ctx, decodeInput(listVirtualMfa, params)),
  GetMFADevice: ({ ctx, params, services }) => services.iam.getMFADevice(ctx, decodeInput(getMfa, params)),
  TagMFADevice: ({ ctx, params, services }) => services.iam.tagMFADevice(ctx, decodeInput(tagMfa, params)),
  UntagMFADevice: ({ ctx, params, services }) => services.iam.untagMFADevice(ctx, decodeInput(untagMfa, params)),
  ListMFADeviceTags: ({ ctx, params, services }) =>
    services.iam.listMFADeviceTags(ctx, decodeInput(listMfaTags, params)),
  GenerateCredentialReport: ({ ctx, params, services }) =>
    services.iam.generateCredentialReport(ctx, decodeInput(empty, params)),
  GetCredentialReport: ({ ctx, params, services }) =>
    services.iam.getCredentialReport(ctx, decodeInput(empty, params)),
  UploadSSHPublicKey: ({ ctx, params, services }) =>
    services.iam.uploadSSHPublicKey(ctx, decodeInput(uploadSsh, params)),
  GetSSHPublicKey: ({ ctx, params, services }) => services.iam.getSSHPublicKey(ctx, decodeInput(getSsh, params)),
  ListSSHPublicKeys: ({ ctx, params, services }) => services.iam.listSSHPublicKeys(ctx, decodeInput(listSsh, params)),
  UpdateSSHPublicKey: ({ ctx, params, services }) =>
    services.iam.updateSSHPublicKey(ctx, decodeInput(updateSsh, params)),
  DeleteSSHPublicKey: ({ ctx, params, services }) =>
    services.iam.deleteSSHPublicKey(ctx, decodeInput(deleteSsh, params)),
  UploadSigningCertificate: ({ ctx, params, services }) =>
    services.iam.uploadSigningCertificate(ctx, decodeInput(uploadCert, params)),
  ListSigningCertificates: ({ ctx, params, services }) =>
    services.iam.listSigningCertificates(ctx, decodeInput(listCerts, params)),
  UpdateSigningCertificate: ({ ctx, params, services }) =>
    services.iam.updateSigningCertificate(ctx, decodeInput(updateCert, params)),
  DeleteSigningCertificate: ({ ctx, params, services }) =>
    services.iam.deleteSigningCertificate(ctx, decodeInput(deleteCert, params)),
  CreateServiceSpecificCredential: ({ ctx, params, services }) =>
    services.iam.createServiceSpecificCredential(ctx, decodeInput(createCredential, params)),
  ListServiceSpecificCredentials: ({ ctx, params, services }) =>
    services.iam.listServiceSpecificCredentials(ctx, decodeInput(listCredentials, params)),
  ResetServiceSpecificCredential: ({ ctx, params, services }) =>
    services.iam.resetServiceSpecificCredential(ctx, decodeInput(credentialId, params)),
  UpdateServiceSpecificCredential: ({ ctx, params, services }) =>
    services.iam.updateServiceSpecificCredential(ctx, decodeInput(updateCredential, params)),
  DeleteServiceSpecificCredential: ({ ctx, params, services }) =>
    services.iam.deleteServiceSpecificCredential(ctx, decodeInput(credentialId, params)),
} satisfies Record<SecurityActionName, ActionHandler>;
