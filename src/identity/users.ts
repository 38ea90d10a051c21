import { IamError, newUniqueId } from '../shared/index.ts';
import type * as T from './iam-types.ts';
import type { IamOperations } from './iam-operations.ts';
import { requireBoundaryPolicy } from './policy-refs.ts';
import { fetchPage, fetchPageByPathPrefix } from './pagination.ts';
import { NON_USER_CREDENTIALS, type RequestContext } from './request-context.ts';
import { QUOTAS, type ServiceCore, requireUser, requireUserWithTags, userView, write } from './service-core.ts';
import { checkTagKeys, checkTagSemantics, checkTags, mergeTags, removeTags, toApiTags } from './tags.ts';
import { ARN, Violations, checkName, checkPage, checkPath } from './validation.ts';
import { assertNoSecurityDependents } from './user-security-dependents.ts';

/** User names: 1–64 to create, 1–128 to refer to an existing user (`existingUserNameType`). */
export const USER_NAME_MAX = 64;
export const EXISTING_USER_NAME_MAX = 128;

const BOUNDARY_ARN = /^arn:[\w-]+:iam::(aws|\d{12}):policy\/([\u0021-\u007E]*\/)?[\w+=,.@-]+$/;

/** Validates an existing-user reference. */
export function checkExistingUserName(v: Violations, value: string | undefined, member = 'userName'): void {
  checkName(v, member, value, EXISTING_USER_NAME_MAX);
}

type UserOps = Pick<
  IamOperations,
  'createUser' | 'getUser' | 'listUsers' | 'updateUser' | 'deleteUser' | 'tagUser' | 'untagUser' | 'listUserTags'
>;

/** CreateUser, GetUser, ListUsers, UpdateUser, DeleteUser and the user tag actions. */
export function userOperations(core: ServiceCore): UserOps {
  return {
    async createUser(ctx: RequestContext, input: T.CreateUserInput): Promise<T.CreateUserOutput> {
      const v = new Violations();
      if (!v.required('userName', input.UserName)) checkName(v, 'userName', input.UserName, USER_NAME_MAX);
      checkPath(v, 'path', input.Path);
      v.text('permissionsBoundary', input.PermissionsBoundary, { min: 20, max: 2048, pattern: ARN });
      checkTags(v, input.Tags);
      v.throwIfAny();
      const tags = input.Tags ?? [];
      checkTagSemantics(tags);
      if (input.PermissionsBoundary !== undefined && !BOUNDARY_ARN.test(input.PermissionsBoundary)) {
        throw new IamError('InvalidInput', `ARN ${input.PermissionsBoundary} is not valid.`);
      }
      return write(core, ctx, async (tx) => {
        if (await tx.getUserByName(ctx.accountId, input.UserName)) {
          throw new IamError('EntityAlreadyExists', `User with name ${input.UserName} already exists.`);
        }
        const boundary =
          input.PermissionsBoundary === undefined
            ? null
            : await requireBoundaryPolicy(core, tx, ctx, input.PermissionsBoundary);
        if ((await tx.countUsers(ctx.accountId)) >= QUOTAS.usersPerAccount) {
          throw new IamError('LimitExceeded', `Cannot exceed quota for UsersPerAccount: ${QUOTAS.usersPerAccount}`);
        }
        const record = {
          accountId: ctx.accountId,
          userId: newUniqueId('AIDA'),
          userName: input.UserName,
          path: input.Path ?? '/',
          partition: ctx.partition,
          createDate: core.clock.now(),
          permissionsBoundaryArn: boundary,
          passwordLastUsed: null,
        };
        await tx.insertUser(record);
        const tagRecords = tags.map((t) => ({ key: t.Key, value: t.Value }));
        await tx.setUserTags(record.userId, tagRecords);
        const User = userView(record, { withBoundary: true });
        if (tags.length > 0) User.Tags = toApiTags(tagRecords);
        return { User };
      });
    },

    async getUser(ctx: RequestContext, input: T.GetUserInput): Promise<T.GetUserOutput> {
      const v = new Violations();
      checkExistingUserName(v, input.UserName);
      v.throwIfAny();
      let name = input.UserName;
      if (name === undefined) {
        if (ctx.caller.type === 'root') {
          const account = await core.store.getAccount(ctx.accountId);
          if (!account) throw new IamError('NoSuchEntity', `The account ${ctx.accountId} cannot be found.`);
          return {
            User: {
              UserId: ctx.accountId,
              Arn: `arn:${ctx.partition}:iam::${ctx.accountId}:root`,
              CreateDate: account.createDate,
            },
          };
        }
        if (ctx.caller.type !== 'user') throw new IamError('ValidationError', NON_USER_CREDENTIALS);
        name = ctx.caller.userName;
      }
      const { user, tags } = await requireUserWithTags(core.store, ctx.accountId, name);
      const User = userView(user, { withBoundary: true });
      if (tags.length > 0) User.Tags = toApiTags(tags);
      return { User };
    },

    async listUsers(ctx: RequestContext, input: T.ListUsersInput): Promise<T.ListUsersOutput> {
      const page = await fetchPageByPathPrefix(
        input,
        (q) => core.store.listUsers(ctx.accountId, q),
        (u) => u.userName.toLowerCase(),
      );
      return { Users: page.items.map((u) => userView(u)), IsTruncated: page.IsTruncated, ...marker(page.Marker) };
    },

    async updateUser(ctx: RequestContext, input: T.UpdateUserInput): Promise<T.EmptyOutput> {
      const v = new Violations();
      if (!v.required('userName', input.UserName)) checkExistingUserName(v, input.UserName);
      checkPath(v, 'newPath', input.NewPath);
      checkName(v, 'newUserName', input.NewUserName, USER_NAME_MAX);
      v.throwIfAny();
      return write(core, ctx, async (tx, onCommit) => {
        const user = await requireUser(tx, ctx.accountId, input.UserName);
        if (input.NewUserName !== undefined && input.NewUserName.toLowerCase() !== user.userName.toLowerCase()) {
          if (await tx.getUserByName(ctx.accountId, input.NewUserName)) {
            throw new IamError('EntityAlreadyExists', `User with name ${input.NewUserName} already exists.`);
          }
        }
        await tx.updateUser(user.userId, {
          ...(input.NewUserName !== undefined ? { userName: input.NewUserName } : {}),
          ...(input.NewPath !== undefined ? { path: input.NewPath } : {}),
        });
        onCommit(() => core.cache.forgetUser(user.userId));
        return {};
      });
    },

    async deleteUser(ctx: RequestContext, input: T.DeleteUserInput): Promise<T.EmptyOutput> {
      const v = new Violations();
      if (!v.required('userName', input.UserName)) checkExistingUserName(v, input.UserName);
      v.throwIfAny();
      return write(core, ctx, async (tx, onCommit) => {
        const user = await requireUser(tx, ctx.accountId, input.UserName);
        const d = await tx.countUserDependents(ctx.accountId, user.userId);
        // AWS names the first dependent it finds; this order follows its documented clean-up order.
        if (d.loginProfile > 0)
          throw new IamError('DeleteConflict', 'Cannot delete entity, must delete login profile first.');
        if (d.accessKeys > 0)
          throw new IamError('DeleteConflict', 'Cannot delete entity, must delete access keys first.');
        await assertNoSecurityDependents(tx, ctx.accountId, user.userId);
        if (d.groups > 0)
          throw new IamError('DeleteConflict', 'Cannot delete entity, must remove users from group first.');
        if ((await tx.listInlinePolicies(user.userId)).length > 0)
          throw new IamError('DeleteConflict', 'Cannot delete entity, must delete policies first.');
        if ((await tx.listAttachmentsOf(user.userId)).length > 0)
          throw new IamError('DeleteConflict', 'Cannot delete entity, must detach all policies first.');
        await tx.deleteUser(user.userId);
        onCommit(() => core.cache.forgetUser(user.userId));
        return {};
      });
    },

    async tagUser(ctx: RequestContext, input: T.TagUserInput): Promise<T.EmptyOutput> {
      const v = new Violations();
      if (!v.required('userName', input.UserName)) checkExistingUserName(v, input.UserName);
      if (!v.required('tags', input.Tags)) checkTags(v, input.Tags);
      v.throwIfAny();
      checkTagSemantics(input.Tags);
      return write(core, ctx, async (tx) => {
        const user = await requireUser(tx, ctx.accountId, input.UserName);
        await tx.setUserTags(user.userId, mergeTags(await tx.listUserTags(user.userId), input.Tags));
        return {};
      });
    },

    async untagUser(ctx: RequestContext, input: T.UntagUserInput): Promise<T.EmptyOutput> {
      const v = new Violations();
      if (!v.required('userName', input.UserName)) checkExistingUserName(v, input.UserName);
      if (!v.required('tagKeys', input.TagKeys)) checkTagKeys(v, input.TagKeys);
      v.throwIfAny();
      return write(core, ctx, async (tx) => {
        const user = await requireUser(tx, ctx.accountId, input.UserName);
        await tx.setUserTags(user.userId, removeTags(await tx.listUserTags(user.userId), input.TagKeys));
        return {};
      });
    },

    async listUserTags(ctx: RequestContext, input: T.ListUserTagsInput): Promise<T.ListUserTagsOutput> {
      const v = new Violations();
      if (!v.required('userName', input.UserName)) checkExistingUserName(v, input.UserName);
      checkPage(v, input);
      v.throwIfAny();
      const user = await requireUser(core.store, ctx.accountId, input.UserName);
      const all = toApiTags(await core.store.listUserTags(user.userId));
      // Tags are few (≤ 50): page in memory by position.
      const page = await fetchPage(
        input,
        async (q) => all.slice(q.after === undefined ? 0 : tagPosition(q.after, all.length) + 1).slice(0, q.limit),
        (t) => String(all.indexOf(t)),
      );
      return { Tags: page.items, IsTruncated: page.IsTruncated, ...marker(page.Marker) };
    },
  };
}

/** The tag position a ListUserTags marker carries; a marker of another listing is InvalidInput. */
function tagPosition(after: string, count: number): number {
  const n = /^\d{1,2}$/.test(after) ? Number(after) : Number.NaN;
  if (!(n >= 0 && n < count)) throw new IamError('InvalidInput', 'Invalid Marker.');
  return n;
}

/** `{ Marker }` only when there is one (AWS omits it otherwise). */
export function marker(m: string | undefined): { Marker?: string } {
  return m === undefined ? {} : { Marker: m };
}
