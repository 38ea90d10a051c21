import type * as T from './iam-types.ts';
import type { RequestContext } from './request-context.ts';

type Op<I, O> = (ctx: RequestContext, input: I) => Promise<O>;

/** One method per IAM action, named as the action in lowerCamelCase; inputs and outputs are AWS's shapes. */
export interface IamOperations {
  createUser: Op<T.CreateUserInput, T.CreateUserOutput>;
  getUser: Op<T.GetUserInput, T.GetUserOutput>;
  listUsers: Op<T.ListUsersInput, T.ListUsersOutput>;
  updateUser: Op<T.UpdateUserInput, T.EmptyOutput>;
  deleteUser: Op<T.DeleteUserInput, T.EmptyOutput>;
  tagUser: Op<T.TagUserInput, T.EmptyOutput>;
  untagUser: Op<T.UntagUserInput, T.EmptyOutput>;
  listUserTags: Op<T.ListUserTagsInput, T.ListUserTagsOutput>;
  createGroup: Op<T.CreateGroupInput, T.CreateGroupOutput>;
  getGroup: Op<T.GetGroupInput, T.GetGroupOutput>;
  listGroups: Op<T.ListGroupsInput, T.ListGroupsOutput>;
  updateGroup: Op<T.UpdateGroupInput, T.EmptyOutput>;
  deleteGroup: Op<T.DeleteGroupInput, T.EmptyOutput>;
  addUserToGroup: Op<T.AddUserToGroupInput, T.EmptyOutput>;
  removeUserFromGroup: Op<T.RemoveUserFromGroupInput, T.EmptyOutput>;
  listGroupsForUser: Op<T.ListGroupsForUserInput, T.ListGroupsForUserOutput>;
  createAccessKey: Op<T.CreateAccessKeyInput, T.CreateAccessKeyOutput>;
  listAccessKeys: Op<T.ListAccessKeysInput, T.ListAccessKeysOutput>;
  updateAccessKey: Op<T.UpdateAccessKeyInput, T.EmptyOutput>;
  deleteAccessKey: Op<T.DeleteAccessKeyInput, T.EmptyOutput>;
  getAccessKeyLastUsed: Op<T.GetAccessKeyLastUsedInput, T.GetAccessKeyLastUsedOutput>;
  createLoginProfile: Op<T.CreateLoginProfileInput, T.CreateLoginProfileOutput>;
  getLoginProfile: Op<T.GetLoginProfileInput, T.GetLoginProfileOutput>;
  updateLoginProfile: Op<T.UpdateLoginProfileInput, T.EmptyOutput>;
  deleteLoginProfile: Op<T.DeleteLoginProfileInput, T.EmptyOutput>;
  createAccountAlias: Op<T.CreateAccountAliasInput, T.EmptyOutput>;
  deleteAccountAlias: Op<T.DeleteAccountAliasInput, T.EmptyOutput>;
  listAccountAliases: Op<T.ListAccountAliasesInput, T.ListAccountAliasesOutput>;
  getAccountSummary: Op<T.GetAccountSummaryInput, T.GetAccountSummaryOutput>;
}

/** The IAM action names this module implements (PascalCase, as on the wire). */
export type IamActionName = Capitalize<keyof IamOperations>;
