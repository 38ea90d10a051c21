import { IamError, newUniqueId } from '../shared/index.ts';
import type * as T from './iam-types.ts';
import type { IamOperations } from './iam-operations.ts';
import { fetchPage, fetchPageByPathPrefix } from './pagination.ts';
import type { RequestContext } from './request-context.ts';
import { QUOTAS, type ServiceCore, groupView, requireGroup, requireUser, userView, write } from './service-core.ts';
import { checkExistingUserName, marker } from './users.ts';
import { Violations, checkName, checkPage, checkPath } from './validation.ts';

/** Group names: 1–128. */
export const GROUP_NAME_MAX = 128;

type GroupOps = Pick<
  IamOperations,
  | 'createGroup'
  | 'getGroup'
  | 'listGroups'
  | 'updateGroup'
  | 'deleteGroup'
  | 'addUserToGroup'
  | 'removeUserFromGroup'
  | 'listGroupsForUser'
>;

function checkGroupName(v: Violations, value: string | undefined, member = 'groupName'): void {
  if (!v.required(member, value)) checkName(v, member, value, GROUP_NAME_MAX);
}

/** Group CRUD and membership. Groups do not nest. */
export function groupOperations(core: ServiceCore): GroupOps {
  return {
    async createGroup(ctx: RequestContext, input: T.CreateGroupInput): Promise<T.CreateGroupOutput> {
      const v = new Violations();
      checkGroupName(v, input.GroupName);
      checkPath(v, 'path', input.Path);
      v.throwIfAny();
      return write(core, ctx, async (tx) => {
        if (await tx.getGroupByName(ctx.accountId, input.GroupName)) {
          throw new IamError('EntityAlreadyExists', `Group with name ${input.GroupName} already exists.`);
        }
        if ((await tx.countGroups(ctx.accountId)) >= QUOTAS.groupsPerAccount) {
          throw new IamError('LimitExceeded', `Cannot exceed quota for GroupsPerAccount: ${QUOTAS.groupsPerAccount}`);
        }
        const record = {
          accountId: ctx.accountId,
          groupId: newUniqueId('AGPA'),
          groupName: input.GroupName,
          path: input.Path ?? '/',
          partition: ctx.partition,
          createDate: core.clock.now(),
        };
        await tx.insertGroup(record);
        return { Group: groupView(record) };
      });
    },

    async getGroup(ctx: RequestContext, input: T.GetGroupInput): Promise<T.GetGroupOutput> {
      const v = new Violations();
      checkGroupName(v, input.GroupName);
      checkPage(v, input);
      v.throwIfAny();
      const group = await requireGroup(core.store, ctx.accountId, input.GroupName);
      const page = await fetchPage(
        input,
        (q) => core.store.listGroupMembers(group.groupId, q),
        (u) => u.userName.toLowerCase(),
      );
      return {
        Group: groupView(group),
        Users: page.items.map((u) => userView(u)),
        IsTruncated: page.IsTruncated,
        ...marker(page.Marker),
      };
    },

    async listGroups(ctx: RequestContext, input: T.ListGroupsInput): Promise<T.ListGroupsOutput> {
      const page = await fetchPageByPathPrefix(
        input,
        (q) => core.store.listGroups(ctx.accountId, q),
        (g) => g.groupName.toLowerCase(),
      );
      return { Groups: page.items.map(groupView), IsTruncated: page.IsTruncated, ...marker(page.Marker) };
    },

    async updateGroup(ctx: RequestContext, input: T.UpdateGroupInput): Promise<T.EmptyOutput> {
      const v = new Violations();
      checkGroupName(v, input.GroupName);
      checkPath(v, 'newPath', input.NewPath);
      checkName(v, 'newGroupName', input.NewGroupName, GROUP_NAME_MAX);
      v.throwIfAny();
      return write(core, ctx, async (tx) => {
        const group = await requireGroup(tx, ctx.accountId, input.GroupName);
        const renamed = input.NewGroupName;
        if (renamed !== undefined && renamed.toLowerCase() !== group.groupName.toLowerCase()) {
          if (await tx.getGroupByName(ctx.accountId, renamed)) {
            throw new IamError('EntityAlreadyExists', `Group with name ${renamed} already exists.`);
          }
        }
        await tx.updateGroup(group.groupId, {
          ...(renamed !== undefined ? { groupName: renamed } : {}),
          ...(input.NewPath !== undefined ? { path: input.NewPath } : {}),
        });
        return {};
      });
    },

    async deleteGroup(ctx: RequestContext, input: T.DeleteGroupInput): Promise<T.EmptyOutput> {
      const v = new Violations();
      checkGroupName(v, input.GroupName);
      v.throwIfAny();
      return write(core, ctx, async (tx) => {
        const group = await requireGroup(tx, ctx.accountId, input.GroupName);
        if ((await tx.countGroupMembers(group.groupId)) > 0) {
          throw new IamError('DeleteConflict', 'Cannot delete entity, must remove users from group first.');
        }
        if ((await tx.listInlinePolicies(group.groupId)).length > 0) {
          throw new IamError('DeleteConflict', 'Cannot delete entity, must delete policies first.');
        }
        if ((await tx.listAttachmentsOf(group.groupId)).length > 0) {
          throw new IamError('DeleteConflict', 'Cannot delete entity, must detach all policies first.');
        }
        await tx.deleteGroup(group.groupId);
        return {};
      });
    },

    async addUserToGroup(ctx: RequestContext, input: T.AddUserToGroupInput): Promise<T.EmptyOutput> {
      const v = new Violations();
      checkGroupName(v, input.GroupName);
      if (!v.required('userName', input.UserName)) checkExistingUserName(v, input.UserName);
      v.throwIfAny();
      return write(core, ctx, async (tx) => {
        const group = await requireGroup(tx, ctx.accountId, input.GroupName);
        const user = await requireUser(tx, ctx.accountId, input.UserName);
        // Adding a member twice succeeds without change, as on AWS.
        if (await tx.isGroupMember(group.groupId, user.userId)) return {};
        const d = await tx.countUserDependents(ctx.accountId, user.userId);
        if (d.groups >= QUOTAS.groupsPerUser) {
          throw new IamError('LimitExceeded', `Cannot exceed quota for GroupsPerUser: ${QUOTAS.groupsPerUser}`);
        }
        await tx.addGroupMember(group.groupId, user.userId, core.clock.now());
        return {};
      });
    },

    async removeUserFromGroup(ctx: RequestContext, input: T.RemoveUserFromGroupInput): Promise<T.EmptyOutput> {
      const v = new Violations();
      checkGroupName(v, input.GroupName);
      if (!v.required('userName', input.UserName)) checkExistingUserName(v, input.UserName);
      v.throwIfAny();
      return write(core, ctx, async (tx) => {
        const group = await requireGroup(tx, ctx.accountId, input.GroupName);
        const user = await requireUser(tx, ctx.accountId, input.UserName);
        if (!(await tx.isGroupMember(group.groupId, user.userId))) {
          throw new IamError('NoSuchEntity', `The user with name ${input.UserName} cannot be found.`);
        }
        await tx.removeGroupMember(group.groupId, user.userId);
        return {};
      });
    },

    async listGroupsForUser(ctx: RequestContext, input: T.ListGroupsForUserInput): Promise<T.ListGroupsForUserOutput> {
      const v = new Violations();
      if (!v.required('userName', input.UserName)) checkExistingUserName(v, input.UserName);
      checkPage(v, input);
      v.throwIfAny();
      const user = await requireUser(core.store, ctx.accountId, input.UserName);
      const page = await fetchPage(
        input,
        (q) => core.store.listGroupsForUser(user.userId, q),
        (g) => g.groupName.toLowerCase(),
      );
      return { Groups: page.items.map(groupView), IsTruncated: page.IsTruncated, ...marker(page.Marker) };
    },
  };
}
