import { IamError, newUniqueId } from '../shared/index.ts';
import { checkBoundaryMember } from './boundaries.ts';
import type { IamOperations } from './iam-operations.ts';
import type { IdentityWriter, RoleRecord } from './identity-store.ts';
import {
  ROLE_NAME_MAX,
  SERVICE_ROLE_PATH,
  assertModifiable,
  checkDescription,
  checkDocumentMember,
  checkRoleName,
  requireRole,
  roleView,
} from './holders.ts';
import { pageTags } from './managed-policies.ts';
import { fetchPageByPathPrefix } from './pagination.ts';
import { checkPolicyDocument, requireBoundaryPolicy } from './policy-refs.ts';
import type * as P from './policy-types.ts';
import type { RequestContext } from './request-context.ts';
import { type ServiceCore, write } from './service-core.ts';
import { checkTagKeys, checkTagSemantics, checkTags, mergeTags, removeTags } from './tags.ts';
import { marker } from './users.ts';
import { Violations, checkName, checkPage, checkPath } from './validation.ts';

/** Roles per account (AWS's default quota). */
export const ROLES_PER_ACCOUNT = 1000;
/** MaxSessionDuration bounds and default, in seconds. */
export const SESSION_DURATION = { min: 3600, max: 43200, default: 3600 } as const;

/** Checks a trust policy: MalformedPolicyDocument with AWS's message, 2048-character limit. */
export function checkTrustPolicy(document: string): void {
  checkPolicyDocument(document, 'trust', 'trust');
}

/** Inserts a role with its tags (shared by CreateRole and CreateServiceLinkedRole). */
export async function insertRole(
  core: ServiceCore,
  tx: IdentityWriter,
  ctx: RequestContext,
  role: Omit<RoleRecord, 'accountId' | 'roleId' | 'partition' | 'createDate' | 'lastUsedDate' | 'lastUsedRegion'>,
  tags: P.CreateRoleInput['Tags'] = [],
): Promise<P.RoleOutput> {
  if (await tx.getRoleByName(ctx.accountId, role.roleName)) {
    throw new IamError('EntityAlreadyExists', `Role with name ${role.roleName} already exists.`);
  }
  if ((await tx.countRoles(ctx.accountId)) >= ROLES_PER_ACCOUNT) {
    throw new IamError('LimitExceeded', `Cannot exceed quota for RolesPerAccount: ${ROLES_PER_ACCOUNT}`);
  }
  const record: RoleRecord = {
    ...role,
    accountId: ctx.accountId,
    roleId: newUniqueId('AROA'),
    partition: ctx.partition,
    createDate: core.clock.now(),
    lastUsedDate: null,
    lastUsedRegion: null,
  };
  await tx.insertRole(record);
  const tagRecords = tags.map((t) => ({ key: t.Key, value: t.Value }));
  await tx.setEntityTags(record.roleId, tagRecords);
  const Role = roleView(record, { tags: tagRecords });
  if (record.permissionsBoundaryArn) {
    Role.PermissionsBoundary = {
      PermissionsBoundaryType: 'Policy',
      PermissionsBoundaryArn: record.permissionsBoundaryArn,
    };
  }
  return { Role };
}

type RoleOps = Pick<
  IamOperations,
  | 'createRole'
  | 'getRole'
  | 'listRoles'
  | 'updateRole'
  | 'updateRoleDescription'
  | 'updateAssumeRolePolicy'
  | 'deleteRole'
  | 'tagRole'
  | 'untagRole'
  | 'listRoleTags'
>;

/** Role CRUD, trust policy updates and role tags. */
export function roleOperations(core: ServiceCore): RoleOps {
  return {
    async createRole(ctx: RequestContext, input: P.CreateRoleInput): Promise<P.RoleOutput> {
      const v = new Violations();
      if (!v.required('roleName', input.RoleName)) checkName(v, 'roleName', input.RoleName, ROLE_NAME_MAX);
      checkPath(v, 'path', input.Path);
      checkDocumentMember(v, input.AssumeRolePolicyDocument, 'assumeRolePolicyDocument');
      checkDescription(v, input.Description);
      v.range('maxSessionDuration', input.MaxSessionDuration, SESSION_DURATION.min, SESSION_DURATION.max);
      checkBoundaryMember(v, input.PermissionsBoundary, false);
      checkTags(v, input.Tags);
      v.throwIfAny();
      const tags = input.Tags ?? [];
      checkTagSemantics(tags);
      const path = input.Path ?? '/';
      if (path.startsWith(SERVICE_ROLE_PATH)) {
        throw new IamError(
          'InvalidInput',
          `The path prefix ${SERVICE_ROLE_PATH} is reserved for service-linked roles.`,
        );
      }
      checkTrustPolicy(input.AssumeRolePolicyDocument);
      return write(core, ctx, async (tx) => {
        const boundary =
          input.PermissionsBoundary === undefined
            ? null
            : await requireBoundaryPolicy(core, tx, ctx, input.PermissionsBoundary);
        return insertRole(
          core,
          tx,
          ctx,
          {
            roleName: input.RoleName,
            path,
            assumeRolePolicyDocument: input.AssumeRolePolicyDocument,
            description: input.Description ?? null,
            maxSessionDuration: input.MaxSessionDuration ?? SESSION_DURATION.default,
            permissionsBoundaryArn: boundary,
          },
          tags,
        );
      });
    },

    async getRole(ctx: RequestContext, input: P.GetRoleInput): Promise<P.RoleOutput> {
      const v = new Violations();
      checkRoleName(v, input.RoleName);
      v.throwIfAny();
      const role = await requireRole(core.store, ctx.accountId, input.RoleName);
      return { Role: roleView(role, { full: true, tags: await core.store.listEntityTags(role.roleId) }) };
    },

    async listRoles(ctx: RequestContext, input: P.ListRolesInput): Promise<P.ListRolesOutput> {
      const page = await fetchPageByPathPrefix(
        input,
        (q) => core.store.listRoles(ctx.accountId, q),
        (r) => r.roleName.toLowerCase(),
      );
      return { Roles: page.items.map((r) => roleView(r)), IsTruncated: page.IsTruncated, ...marker(page.Marker) };
    },

    async updateRole(ctx: RequestContext, input: P.UpdateRoleInput): Promise<P.EmptyOutputLike> {
      const v = new Violations();
      checkRoleName(v, input.RoleName);
      checkDescription(v, input.Description);
      v.range('maxSessionDuration', input.MaxSessionDuration, SESSION_DURATION.min, SESSION_DURATION.max);
      v.throwIfAny();
      return write(core, ctx, async (tx) => {
        const role = await requireRole(tx, ctx.accountId, input.RoleName);
        if (input.MaxSessionDuration !== undefined) assertModifiable(role);
        await tx.updateRole(role.roleId, {
          ...(input.Description !== undefined ? { description: input.Description } : {}),
          ...(input.MaxSessionDuration !== undefined ? { maxSessionDuration: input.MaxSessionDuration } : {}),
        });
        return {};
      });
    },

    async updateRoleDescription(ctx: RequestContext, input: P.UpdateRoleDescriptionInput): Promise<P.RoleOutput> {
      const v = new Violations();
      checkRoleName(v, input.RoleName);
      if (!v.required('description', input.Description)) checkDescription(v, input.Description);
      v.throwIfAny();
      return write(core, ctx, async (tx) => {
        const role = await requireRole(tx, ctx.accountId, input.RoleName);
        // Service-linked roles' descriptions may be edited (AWS allows it).
        await tx.updateRole(role.roleId, { description: input.Description });
        const tags = await tx.listEntityTags(role.roleId);
        return { Role: roleView({ ...role, description: input.Description }, { full: true, tags }) };
      });
    },

    async updateAssumeRolePolicy(
      ctx: RequestContext,
      input: P.UpdateAssumeRolePolicyInput,
    ): Promise<P.EmptyOutputLike> {
      const v = new Violations();
      checkRoleName(v, input.RoleName);
      checkDocumentMember(v, input.PolicyDocument);
      v.throwIfAny();
      checkTrustPolicy(input.PolicyDocument);
      return write(core, ctx, async (tx) => {
        const role = await requireRole(tx, ctx.accountId, input.RoleName);
        assertModifiable(role);
        await tx.updateRole(role.roleId, { assumeRolePolicyDocument: input.PolicyDocument });
        return {};
      });
    },

    async deleteRole(ctx: RequestContext, input: P.DeleteRoleInput): Promise<P.EmptyOutputLike> {
      const v = new Violations();
      checkRoleName(v, input.RoleName);
      v.throwIfAny();
      return write(core, ctx, async (tx) => {
        const role = await requireRole(tx, ctx.accountId, input.RoleName);
        assertModifiable(role);
        if ((await tx.listInstanceProfilesForRole(role.roleId)).length > 0) {
          throw new IamError('DeleteConflict', 'Cannot delete entity, must remove roles from instance profile first.');
        }
        if ((await tx.listAttachmentsOf(role.roleId)).length > 0) {
          throw new IamError('DeleteConflict', 'Cannot delete entity, must detach all policies first.');
        }
        if ((await tx.listInlinePolicies(role.roleId)).length > 0) {
          throw new IamError('DeleteConflict', 'Cannot delete entity, must delete policies first.');
        }
        await tx.deleteRole(role.roleId);
        return {};
      });
    },

    async tagRole(ctx: RequestContext, input: P.TagRoleInput): Promise<P.EmptyOutputLike> {
      const v = new Violations();
      checkRoleName(v, input.RoleName);
      if (!v.required('tags', input.Tags)) checkTags(v, input.Tags);
      v.throwIfAny();
      checkTagSemantics(input.Tags);
      return write(core, ctx, async (tx) => {
        const role = await requireRole(tx, ctx.accountId, input.RoleName);
        await tx.setEntityTags(role.roleId, mergeTags(await tx.listEntityTags(role.roleId), input.Tags));
        return {};
      });
    },

    async untagRole(ctx: RequestContext, input: P.UntagRoleInput): Promise<P.EmptyOutputLike> {
      const v = new Violations();
      checkRoleName(v, input.RoleName);
      if (!v.required('tagKeys', input.TagKeys)) checkTagKeys(v, input.TagKeys);
      v.throwIfAny();
      return write(core, ctx, async (tx) => {
        const role = await requireRole(tx, ctx.accountId, input.RoleName);
        await tx.setEntityTags(role.roleId, removeTags(await tx.listEntityTags(role.roleId), input.TagKeys));
        return {};
      });
    },

    async listRoleTags(ctx: RequestContext, input: P.ListRoleTagsInput): Promise<P.ListTagsOutput> {
      const v = new Violations();
      checkRoleName(v, input.RoleName);
      checkPage(v, input);
      v.throwIfAny();
      const role = await requireRole(core.store, ctx.accountId, input.RoleName);
      return pageTags(input, await core.store.listEntityTags(role.roleId));
    },
  };
}
