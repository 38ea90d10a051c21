import { IamError, newUniqueId } from '../shared/index.ts';
import type { IamOperations } from './iam-operations.ts';
import type { IdentityReader, InstanceProfileRecord } from './identity-store.ts';
import { POLICY_NAME_MAX, checkRoleName, requireRole, roleView } from './holders.ts';
import { pageTags } from './managed-policies.ts';
import { fetchPage, fetchPageByPathPrefix } from './pagination.ts';
import type * as P from './policy-types.ts';
import type { RequestContext } from './request-context.ts';
import { type ServiceCore, iamArn, write } from './service-core.ts';
import { checkTagKeys, checkTagSemantics, checkTags, mergeTags, removeTags, toApiTags } from './tags.ts';
import { marker } from './users.ts';
import { Violations, checkName, checkPage, checkPath } from './validation.ts';

/** Instance profiles per account and roles per instance profile. */
export const INSTANCE_PROFILES_PER_ACCOUNT = 1000;
export const ROLES_PER_INSTANCE_PROFILE = 1;

function checkProfileName(v: Violations, value: string | undefined): void {
  if (!v.required('instanceProfileName', value)) checkName(v, 'instanceProfileName', value, POLICY_NAME_MAX);
}

async function requireProfile(r: IdentityReader, accountId: string, name: string): Promise<InstanceProfileRecord> {
  const p = await r.getInstanceProfileByName(accountId, name);
  if (!p) throw new IamError('NoSuchEntity', `Instance Profile ${name} cannot be found.`);
  return p;
}

/** The `InstanceProfile` shape with its role (at most one). */
export async function instanceProfileView(
  r: IdentityReader,
  p: InstanceProfileRecord,
  withTags: boolean,
): Promise<P.InstanceProfile> {
  const roleId = await r.getInstanceProfileRoleId(p.instanceProfileId);
  const role = roleId === undefined ? undefined : await r.getRoleById(p.accountId, roleId);
  const out: P.InstanceProfile = {
    Path: p.path,
    InstanceProfileName: p.instanceProfileName,
    InstanceProfileId: p.instanceProfileId,
    Arn: iamArn(p.partition, p.accountId, 'instance-profile', p.path, p.instanceProfileName),
    CreateDate: p.createDate,
    Roles: role ? [roleView(role)] : [],
  };
  if (withTags) {
    const tags = await r.listEntityTags(p.instanceProfileId);
    if (tags.length > 0) out.Tags = toApiTags(tags);
  }
  return out;
}

type ProfileOps = Pick<
  IamOperations,
  | 'createInstanceProfile'
  | 'getInstanceProfile'
  | 'listInstanceProfiles'
  | 'deleteInstanceProfile'
  | 'addRoleToInstanceProfile'
  | 'removeRoleFromInstanceProfile'
  | 'listInstanceProfilesForRole'
  | 'tagInstanceProfile'
  | 'untagInstanceProfile'
  | 'listInstanceProfileTags'
>;

/** Instance profiles: containers for one role. */
export function instanceProfileOperations(core: ServiceCore): ProfileOps {
  return {
    async createInstanceProfile(ctx: RequestContext, input: P.CreateInstanceProfileInput) {
      const v = new Violations();
      checkProfileName(v, input.InstanceProfileName);
      checkPath(v, 'path', input.Path);
      checkTags(v, input.Tags);
      v.throwIfAny();
      const tags = input.Tags ?? [];
      checkTagSemantics(tags);
      return write(core, ctx, async (tx) => {
        if (await tx.getInstanceProfileByName(ctx.accountId, input.InstanceProfileName)) {
          throw new IamError('EntityAlreadyExists', `Instance Profile ${input.InstanceProfileName} already exists.`);
        }
        if ((await tx.countInstanceProfiles(ctx.accountId)) >= INSTANCE_PROFILES_PER_ACCOUNT) {
          throw new IamError(
            'LimitExceeded',
            `Cannot exceed quota for InstanceProfilesPerAccount: ${INSTANCE_PROFILES_PER_ACCOUNT}`,
          );
        }
        const record: InstanceProfileRecord = {
          accountId: ctx.accountId,
          instanceProfileId: newUniqueId('AIPA'),
          instanceProfileName: input.InstanceProfileName,
          path: input.Path ?? '/',
          partition: ctx.partition,
          createDate: core.clock.now(),
        };
        await tx.insertInstanceProfile(record);
        await tx.setEntityTags(
          record.instanceProfileId,
          tags.map((t) => ({ key: t.Key, value: t.Value })),
        );
        return { InstanceProfile: await instanceProfileView(tx, record, true) };
      });
    },

    async getInstanceProfile(ctx: RequestContext, input: P.GetInstanceProfileInput) {
      const v = new Violations();
      checkProfileName(v, input.InstanceProfileName);
      v.throwIfAny();
      const p = await requireProfile(core.store, ctx.accountId, input.InstanceProfileName);
      return { InstanceProfile: await instanceProfileView(core.store, p, true) };
    },

    async listInstanceProfiles(ctx: RequestContext, input: P.ListInstanceProfilesInput) {
      const page = await fetchPageByPathPrefix(
        input,
        (q) => core.store.listInstanceProfiles(ctx.accountId, q),
        (p) => p.instanceProfileName.toLowerCase(),
      );
      const InstanceProfiles = await Promise.all(page.items.map((p) => instanceProfileView(core.store, p, false)));
      return { InstanceProfiles, IsTruncated: page.IsTruncated, ...marker(page.Marker) };
    },

    async deleteInstanceProfile(ctx: RequestContext, input: P.DeleteInstanceProfileInput) {
      const v = new Violations();
      checkProfileName(v, input.InstanceProfileName);
      v.throwIfAny();
      return write(core, ctx, async (tx) => {
        const p = await requireProfile(tx, ctx.accountId, input.InstanceProfileName);
        if ((await tx.getInstanceProfileRoleId(p.instanceProfileId)) !== undefined) {
          throw new IamError('DeleteConflict', 'Cannot delete entity, must remove roles from instance profile first.');
        }
        await tx.deleteInstanceProfile(p.instanceProfileId);
        return {};
      });
    },

    async addRoleToInstanceProfile(ctx: RequestContext, input: P.InstanceProfileRoleInput) {
      const v = new Violations();
      checkProfileName(v, input.InstanceProfileName);
      checkRoleName(v, input.RoleName);
      v.throwIfAny();
      return write(core, ctx, async (tx) => {
        const p = await requireProfile(tx, ctx.accountId, input.InstanceProfileName);
        const role = await requireRole(tx, ctx.accountId, input.RoleName);
        if ((await tx.getInstanceProfileRoleId(p.instanceProfileId)) !== undefined) {
          throw new IamError(
            'LimitExceeded',
            `Cannot exceed quota for InstanceSessionsPerInstanceProfile: ${ROLES_PER_INSTANCE_PROFILE}`,
          );
        }
        await tx.setInstanceProfileRole(p.instanceProfileId, role.roleId, core.clock.now());
        return {};
      });
    },

    async removeRoleFromInstanceProfile(ctx: RequestContext, input: P.InstanceProfileRoleInput) {
      const v = new Violations();
      checkProfileName(v, input.InstanceProfileName);
      checkRoleName(v, input.RoleName);
      v.throwIfAny();
      return write(core, ctx, async (tx) => {
        const p = await requireProfile(tx, ctx.accountId, input.InstanceProfileName);
        const role = await requireRole(tx, ctx.accountId, input.RoleName);
        if ((await tx.getInstanceProfileRoleId(p.instanceProfileId)) !== role.roleId) {
          throw new IamError('NoSuchEntity', `The role with name ${input.RoleName} cannot be found.`);
        }
        await tx.setInstanceProfileRole(p.instanceProfileId, null, core.clock.now());
        return {};
      });
    },

    async listInstanceProfilesForRole(ctx: RequestContext, input: P.ListInstanceProfilesForRoleInput) {
      const v = new Violations();
      checkRoleName(v, input.RoleName);
      checkPage(v, input);
      v.throwIfAny();
      const role = await requireRole(core.store, ctx.accountId, input.RoleName);
      const all = await core.store.listInstanceProfilesForRole(role.roleId);
      const page = await fetchPage(
        input,
        async (q) =>
          all.filter((p) => q.after === undefined || p.instanceProfileName.toLowerCase() > q.after).slice(0, q.limit),
        (p) => p.instanceProfileName.toLowerCase(),
      );
      const InstanceProfiles = await Promise.all(page.items.map((p) => instanceProfileView(core.store, p, false)));
      return { InstanceProfiles, IsTruncated: page.IsTruncated, ...marker(page.Marker) };
    },

    async tagInstanceProfile(ctx: RequestContext, input: P.TagInstanceProfileInput) {
      const v = new Violations();
      checkProfileName(v, input.InstanceProfileName);
      if (!v.required('tags', input.Tags)) checkTags(v, input.Tags);
      v.throwIfAny();
      checkTagSemantics(input.Tags);
      return write(core, ctx, async (tx) => {
        const p = await requireProfile(tx, ctx.accountId, input.InstanceProfileName);
        const id = p.instanceProfileId;
        await tx.setEntityTags(id, mergeTags(await tx.listEntityTags(id), input.Tags));
        return {};
      });
    },

    async untagInstanceProfile(ctx: RequestContext, input: P.UntagInstanceProfileInput) {
      const v = new Violations();
      checkProfileName(v, input.InstanceProfileName);
      if (!v.required('tagKeys', input.TagKeys)) checkTagKeys(v, input.TagKeys);
      v.throwIfAny();
      return write(core, ctx, async (tx) => {
        const p = await requireProfile(tx, ctx.accountId, input.InstanceProfileName);
        const id = p.instanceProfileId;
        await tx.setEntityTags(id, removeTags(await tx.listEntityTags(id), input.TagKeys));
        return {};
      });
    },

    async listInstanceProfileTags(ctx: RequestContext, input: P.ListInstanceProfileTagsInput) {
      const v = new Violations();
      checkProfileName(v, input.InstanceProfileName);
      checkPage(v, input);
      v.throwIfAny();
      const p = await requireProfile(core.store, ctx.accountId, input.InstanceProfileName);
      return pageTags(input, await core.store.listEntityTags(p.instanceProfileId));
    },
  };
}
