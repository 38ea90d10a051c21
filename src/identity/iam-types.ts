/**
 * Input and output shapes of the IAM actions, named and ordered exactly as the AWS API reference (the API layer
 * serialises them generically, so member order is wire order).
 */

/** A tag as IAM has it. */
export type Tag = { Key: string; Value: string };

/** Pagination input of the list actions. */
export type PageInput = { Marker?: string; MaxItems?: number };
/** Pagination output of the list actions; `Marker` only when truncated. */
export type PageOutput = { IsTruncated: boolean; Marker?: string };

/** A permissions boundary as attached to a user. */
export type AttachedPermissionsBoundary = { PermissionsBoundaryType: 'Policy'; PermissionsBoundaryArn: string };

/** The `User` shape. */
export type User = {
  Path: string;
  UserName: string;
  UserId: string;
  Arn: string;
  CreateDate: Date;
  PasswordLastUsed?: Date;
  PermissionsBoundary?: AttachedPermissionsBoundary;
  Tags?: Tag[];
};

/** The `Group` shape. */
export type Group = { Path: string; GroupName: string; GroupId: string; Arn: string; CreateDate: Date };

/** Access key status. */
export type StatusType = 'Active' | 'Inactive';

/** The `AccessKey` shape: only CreateAccessKey returns it, the one place a secret leaves iamd. */
export type AccessKey = {
  UserName?: string;
  AccessKeyId: string;
  Status: StatusType;
  SecretAccessKey: string;
  CreateDate: Date;
};

/** The `AccessKeyMetadata` shape. */
export type AccessKeyMetadata = { UserName?: string; AccessKeyId: string; Status: StatusType; CreateDate: Date };

/** The `AccessKeyLastUsed` shape; ServiceName and Region are 'N/A' for a key never used. */
export type AccessKeyLastUsed = { LastUsedDate?: Date; ServiceName: string; Region: string };

/** The `LoginProfile` shape. */
export type LoginProfile = { UserName: string; CreateDate: Date; PasswordResetRequired: boolean };

export type CreateUserInput = { Path?: string; UserName: string; PermissionsBoundary?: string; Tags?: Tag[] };
export type CreateUserOutput = { User: User };
export type GetUserInput = { UserName?: string };
/** What GetUser returns for the root user: no Path or UserName, `UserId` = account id, `Arn` = `…:root`. */
export type RootUser = { UserId: string; Arn: string; CreateDate: Date; PasswordLastUsed?: Date };
export type GetUserOutput = { User: User | RootUser };
export type ListUsersInput = PageInput & { PathPrefix?: string };
export type ListUsersOutput = { Users: User[] } & PageOutput;
export type UpdateUserInput = { UserName: string; NewPath?: string; NewUserName?: string };
export type DeleteUserInput = { UserName: string };
export type TagUserInput = { UserName: string; Tags: Tag[] };
export type UntagUserInput = { UserName: string; TagKeys: string[] };
export type ListUserTagsInput = PageInput & { UserName: string };
export type ListUserTagsOutput = { Tags: Tag[] } & PageOutput;

export type CreateGroupInput = { Path?: string; GroupName: string };
export type CreateGroupOutput = { Group: Group };
export type GetGroupInput = PageInput & { GroupName: string };
export type GetGroupOutput = { Group: Group; Users: User[] } & PageOutput;
export type ListGroupsInput = PageInput & { PathPrefix?: string };
export type ListGroupsOutput = { Groups: Group[] } & PageOutput;
export type UpdateGroupInput = { GroupName: string; NewPath?: string; NewGroupName?: string };
export type DeleteGroupInput = { GroupName: string };
export type AddUserToGroupInput = { GroupName: string; UserName: string };
export type RemoveUserFromGroupInput = { GroupName: string; UserName: string };
export type ListGroupsForUserInput = PageInput & { UserName: string };
export type ListGroupsForUserOutput = { Groups: Group[] } & PageOutput;

export type CreateAccessKeyInput = { UserName?: string };
export type CreateAccessKeyOutput = { AccessKey: AccessKey };
export type ListAccessKeysInput = PageInput & { UserName?: string };
export type ListAccessKeysOutput = { AccessKeyMetadata: AccessKeyMetadata[] } & PageOutput;
export type UpdateAccessKeyInput = { UserName?: string; AccessKeyId: string; Status: StatusType };
export type DeleteAccessKeyInput = { UserName?: string; AccessKeyId: string };
export type GetAccessKeyLastUsedInput = { AccessKeyId: string };
export type GetAccessKeyLastUsedOutput = { UserName?: string; AccessKeyLastUsed: AccessKeyLastUsed };

export type CreateLoginProfileInput = { UserName?: string; Password?: string; PasswordResetRequired?: boolean };
export type CreateLoginProfileOutput = { LoginProfile: LoginProfile };
export type GetLoginProfileInput = { UserName?: string };
export type GetLoginProfileOutput = { LoginProfile: LoginProfile };
export type UpdateLoginProfileInput = { UserName: string; Password?: string; PasswordResetRequired?: boolean };
export type DeleteLoginProfileInput = { UserName?: string };

export type CreateAccountAliasInput = { AccountAlias: string };
export type DeleteAccountAliasInput = { AccountAlias: string };
export type ListAccountAliasesInput = PageInput;
export type ListAccountAliasesOutput = { AccountAliases: string[] } & PageOutput;
export type GetAccountSummaryInput = Record<string, never>;
export type GetAccountSummaryOutput = { SummaryMap: Map<string, number> };

/** An action with no output. */
export type EmptyOutput = Record<string, never>;
