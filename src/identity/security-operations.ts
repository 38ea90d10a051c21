import type { EmptyOutput } from './iam-types.ts';
import type { RequestContext } from './request-context.ts';
import type * as S from './security-types.ts';

type Op<I, O> = (ctx: RequestContext, input: I) => Promise<O>;

/** The account-security actions of issue 6: one method per IAM action, named as the action in lowerCamelCase. */
export interface SecurityOperations {
  updateAccountPasswordPolicy: Op<S.UpdateAccountPasswordPolicyInput, EmptyOutput>;
  getAccountPasswordPolicy: Op<object, S.GetAccountPasswordPolicyOutput>;
  deleteAccountPasswordPolicy: Op<object, EmptyOutput>;
  changePassword: Op<S.ChangePasswordInput, EmptyOutput>;
  createVirtualMFADevice: Op<S.CreateVirtualMfaDeviceInput, S.CreateVirtualMfaDeviceOutput>;
  enableMFADevice: Op<S.EnableMfaDeviceInput, EmptyOutput>;
  resyncMFADevice: Op<S.EnableMfaDeviceInput, EmptyOutput>;
  deactivateMFADevice: Op<S.DeactivateMfaDeviceInput, EmptyOutput>;
  deleteVirtualMFADevice: Op<S.DeleteVirtualMfaDeviceInput, EmptyOutput>;
  listMFADevices: Op<S.ListMfaDevicesInput, S.ListMfaDevicesOutput>;
  listVirtualMFADevices: Op<S.ListVirtualMfaDevicesInput, S.ListVirtualMfaDevicesOutput>;
  getMFADevice: Op<S.GetMfaDeviceInput, S.GetMfaDeviceOutput>;
  tagMFADevice: Op<S.TagMfaDeviceInput, EmptyOutput>;
  untagMFADevice: Op<S.UntagMfaDeviceInput, EmptyOutput>;
  listMFADeviceTags: Op<S.ListMfaDeviceTagsInput, S.ListMfaDeviceTagsOutput>;
  generateCredentialReport: Op<object, S.GenerateCredentialReportOutput>;
  getCredentialReport: Op<object, S.GetCredentialReportOutput>;
  uploadSSHPublicKey: Op<S.UploadSshPublicKeyInput, { SSHPublicKey: S.SshPublicKey }>;
  getSSHPublicKey: Op<S.GetSshPublicKeyInput, { SSHPublicKey: S.SshPublicKey }>;
  listSSHPublicKeys: Op<S.ListSshPublicKeysInput, S.ListSshPublicKeysOutput>;
  updateSSHPublicKey: Op<S.UpdateSshPublicKeyInput, EmptyOutput>;
  deleteSSHPublicKey: Op<S.DeleteSshPublicKeyInput, EmptyOutput>;
  uploadSigningCertificate: Op<S.UploadSigningCertificateInput, { Certificate: S.SigningCertificate }>;
  listSigningCertificates: Op<S.ListSigningCertificatesInput, S.ListSigningCertificatesOutput>;
  updateSigningCertificate: Op<S.UpdateSigningCertificateInput, EmptyOutput>;
  deleteSigningCertificate: Op<S.DeleteSigningCertificateInput, EmptyOutput>;
  createServiceSpecificCredential: Op<S.CreateServiceSpecificCredentialInput, S.ServiceSpecificCredentialOutput>;
  listServiceSpecificCredentials: Op<S.ListServiceSpecificCredentialsInput, S.ListServiceSpecificCredentialsOutput>;
  resetServiceSpecificCredential: Op<S.ResetServiceSpecificCredentialInput, S.ServiceSpecificCredentialOutput>;
  updateServiceSpecificCredential: Op<S.UpdateServiceSpecificCredentialInput, EmptyOutput>;
  deleteServiceSpecificCredential: Op<S.DeleteServiceSpecificCredentialInput, EmptyOutput>;
}

/** The issue-6 action names (PascalCase). */
export type SecurityActionName = Capitalize<keyof SecurityOperations>;
