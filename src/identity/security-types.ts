/** AWS input and output shapes of the account-security actions (issue 6). */
import type { PageOutput, Tag } from './iam-types.ts';

export type PasswordPolicyFields = {
  MinimumPasswordLength?: number;
  RequireSymbols?: boolean;
  RequireNumbers?: boolean;
  RequireUppercaseCharacters?: boolean;
  RequireLowercaseCharacters?: boolean;
  AllowUsersToChangePassword?: boolean;
  MaxPasswordAge?: number;
  PasswordReusePrevention?: number;
  HardExpiry?: boolean;
};
export type UpdateAccountPasswordPolicyInput = PasswordPolicyFields;
export type PasswordPolicy = Required<
  Pick<
    PasswordPolicyFields,
    | 'MinimumPasswordLength'
    | 'RequireSymbols'
    | 'RequireNumbers'
    | 'RequireUppercaseCharacters'
    | 'RequireLowercaseCharacters'
    | 'AllowUsersToChangePassword'
  >
> & { ExpirePasswords: boolean; MaxPasswordAge?: number; PasswordReusePrevention?: number; HardExpiry?: boolean };
export type GetAccountPasswordPolicyOutput = { PasswordPolicy: PasswordPolicy };
export type ChangePasswordInput = { OldPassword?: string; NewPassword?: string };

export type CreateVirtualMfaDeviceInput = { Path?: string; VirtualMFADeviceName?: string; Tags?: Tag[] };
export type VirtualMfaDevice = {
  SerialNumber: string;
  Base32StringSeed?: string;
  QRCodePNG?: string;
  User?: { Path: string; UserName: string; UserId: string; Arn: string; CreateDate: Date };
  EnableDate?: Date;
  Tags?: Tag[];
};
export type CreateVirtualMfaDeviceOutput = { VirtualMFADevice: VirtualMfaDevice };
export type EnableMfaDeviceInput = {
  UserName?: string;
  SerialNumber?: string;
  AuthenticationCode1?: string;
  AuthenticationCode2?: string;
};
export type DeactivateMfaDeviceInput = { UserName?: string; SerialNumber?: string };
export type DeleteVirtualMfaDeviceInput = { SerialNumber?: string };
export type ListMfaDevicesInput = { UserName?: string; Marker?: string; MaxItems?: number };
export type MfaDevice = { UserName: string; SerialNumber: string; EnableDate: Date };
export type ListMfaDevicesOutput = { MFADevices: MfaDevice[] } & PageOutput;
export type ListVirtualMfaDevicesInput = { AssignmentStatus?: string; Marker?: string; MaxItems?: number };
export type ListVirtualMfaDevicesOutput = { VirtualMFADevices: VirtualMfaDevice[] } & PageOutput;
export type GetMfaDeviceInput = { SerialNumber?: string; UserName?: string };
export type GetMfaDeviceOutput = { UserName?: string; SerialNumber: string; EnableDate?: Date };
export type TagMfaDeviceInput = { SerialNumber?: string; Tags?: Tag[] };
export type UntagMfaDeviceInput = { SerialNumber?: string; TagKeys?: string[] };
export type ListMfaDeviceTagsInput = { SerialNumber?: string; Marker?: string; MaxItems?: number };
export type ListMfaDeviceTagsOutput = { Tags: Tag[] } & PageOutput;

export type GenerateCredentialReportOutput = { State: 'STARTED' | 'INPROGRESS' | 'COMPLETE'; Description?: string };
export type GetCredentialReportOutput = { Content: string; ReportFormat: 'text/csv'; GeneratedTime: Date };

export type SshPublicKey = {
  UserName: string;
  SSHPublicKeyId: string;
  Fingerprint: string;
  SSHPublicKeyBody: string;
  Status: 'Active' | 'Inactive';
  UploadDate: Date;
};
export type UploadSshPublicKeyInput = { UserName?: string; SSHPublicKeyBody?: string };
export type GetSshPublicKeyInput = { UserName?: string; SSHPublicKeyId?: string; Encoding?: string };
export type ListSshPublicKeysInput = { UserName?: string; Marker?: string; MaxItems?: number };
export type SshPublicKeyMetadata = Pick<SshPublicKey, 'UserName' | 'SSHPublicKeyId' | 'Status' | 'UploadDate'>;
export type ListSshPublicKeysOutput = { SSHPublicKeys: SshPublicKeyMetadata[] } & PageOutput;
export type UpdateSshPublicKeyInput = { UserName?: string; SSHPublicKeyId?: string; Status?: string };
export type DeleteSshPublicKeyInput = { UserName?: string; SSHPublicKeyId?: string };

export type SigningCertificate = {
  UserName: string;
  CertificateId: string;
  CertificateBody: string;
  Status: 'Active' | 'Inactive';
  UploadDate: Date;
};
export type UploadSigningCertificateInput = { UserName?: string; CertificateBody?: string };
export type ListSigningCertificatesInput = { UserName?: string; Marker?: string; MaxItems?: number };
export type ListSigningCertificatesOutput = { Certificates: SigningCertificate[] } & PageOutput;
export type UpdateSigningCertificateInput = { UserName?: string; CertificateId?: string; Status?: string };
export type DeleteSigningCertificateInput = { UserName?: string; CertificateId?: string };

export type ServiceSpecificCredentialMetadata = {
  UserName: string;
  Status: 'Active' | 'Inactive';
  ServiceUserName: string;
  CreateDate: Date;
  ServiceSpecificCredentialId: string;
  ServiceName: string;
};
export type ServiceSpecificCredential = ServiceSpecificCredentialMetadata & { ServicePassword: string };
export type CreateServiceSpecificCredentialInput = { UserName?: string; ServiceName?: string };
export type ServiceSpecificCredentialOutput = { ServiceSpecificCredential: ServiceSpecificCredential };
export type ListServiceSpecificCredentialsInput = { UserName?: string; ServiceName?: string };
export type ListServiceSpecificCredentialsOutput = { ServiceSpecificCredentials: ServiceSpecificCredentialMetadata[] };
export type ResetServiceSpecificCredentialInput = { UserName?: string; ServiceSpecificCredentialId?: string };
export type UpdateServiceSpecificCredentialInput = {
  UserName?: string;
  ServiceSpecificCredentialId?: string;
  Status?: string;
};
export type DeleteServiceSpecificCredentialInput = { UserName?: string; ServiceSpecificCredentialId?: string };
