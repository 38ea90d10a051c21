import type { IamOperations } from './iam-operations.ts';
import { assertModifiable, checkRoleName, requireRole } from './holders.ts';
import { requireBoundaryPolicy } from './policy-refs.ts';
import type * as P from './policy-types.ts';
import type { RequestContext } from './request-context.ts';
import { type ServiceCore, requireUser, write } from './service-core.ts';
import { checkExistingUserName } from './users.ts';
import { ARN, Violations } from './validation.ts';

/** Validates a `permissionsBoundary` member (model: 20–2048 characters). */
export function checkBoundaryMember(v: Violations, value: string | undefined, required: boolean): void {
  if (required && v.required('permissionsBoundary', value)) return;
  v.text('permissionsBoundary', value, { min: 20, max: 2048, pattern: ARN });
}

type BoundaryOps = Pick<
  IamOperations,
  | 'putUserPermissionsBoundary'
  | 'deleteUserPermissionsBoundary'
  | 'putRolePermissionsBoundary'
  | 'deleteRolePermissionsBoundary'
>;

/** Permissions boundaries of users and roles. */
export function boundaryOperations(core: ServiceCore): BoundaryOps {
  return {
    async putUserPermissionsBoundary(ctx: RequestContext, input: P.PutUserPermissionsBoundaryInput) {
      const v = new Violations();
      if (!v.required('userName', input.UserName)) checkExistingUserName(v, input.UserName);
      checkBoundaryMember(v, input.PermissionsBoundary, true);
      v.throwIfAny();
      return write(core, ctx, async (tx) => {
        const user = await requireUser(tx, ctx.accountId, input.UserName);
        const arn = await requireBoundaryPolicy(core, tx, ctx, input.PermissionsBoundary);
        await tx.setUserBoundary(user.userId, arn);
        return {};
      });
    },

    async deleteUserPermissionsBoundary(ctx: RequestContext, input: P.DeleteUserPermissionsBoundaryInput) {
      const v = new Violations();
      if (!v.required('userName', input.UserName)) checkExistingUserName(v, input.UserName);
      v.throwIfAny();
      return write(core, ctx, async (tx) => {
        const user = await requireUser(tx, ctx.accountId, input.UserName);
        await tx.setUserBoundary(user.userId, null);
        return {};
      });
    },

    async putRolePermissionsBoundary(ctx: RequestContext, input: P.PutRolePermissionsBoundaryInput) {
      const v = new Violations();
      checkRoleName(v, input.RoleName);
      checkBoundaryMember(v, input.PermissionsBoundary, true);
      v.throwIfAny();
      return write(core, ctx, async (tx) => {
        const role = await requireRole(tx, ctx.accountId, input.RoleName);
        assertModifiable(role);
        const arn = await requireBoundaryPolicy(core, tx, ctx, input.PermissionsBoundary);
        await tx.updateRole(role.roleId, { permissionsBoundaryArn: arn });
        return {};
      });
    },

    async deleteRolePermissionsBoundary(ctx: RequestContext, input: P.DeleteRolePermissionsBoundaryInput) {
      const v = new Violations();
      checkRoleName(v, input.RoleName);
      v.throwIfAny();
      return write(core, ctx, async (tx) => {
        const role = await requireRole(tx, ctx.accountId, input.RoleName);
        assertModifiable(role);
        await tx.updateRole(role.roleId, { permissionsBoundaryArn: null });
        return {};
      });
    },
  };
}
