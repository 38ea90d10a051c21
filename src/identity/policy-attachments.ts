import { IamError } from '../shared/index.ts';
import type { IamOperations } from './iam-operations.ts';
import type { PolicyHolderType } from './identity-store.ts';
import { GROUP_NAME_MAX } from './groups.ts';
import { type Holder, checkPolicyArn, checkRoleName, pageInMemory, requireHolder } from './holders.ts';
import { fetchPage } from './pagination.ts';
import { awsPolicyArn, requirePolicy } from './policy-refs.ts';
import type * as P from './policy-types.ts';
import type { RequestContext } from './request-context.ts';
import { type ServiceCore, iamArn, write } from './service-core.ts';
import { checkExistingUserName, marker } from './users.ts';
import { PATH_PREFIX, PATH_PREFIX_SOURCE, Violations, checkName, checkPage } from './validation.ts';

/** Managed policies attached per user, group and role (AWS's default quota). */
export const ATTACHED_POLICIES_PER_HOLDER = 10;

const QUOTA_NAME: Record<PolicyHolderType, string> = {
  user: 'PoliciesPerUser',
  group: 'PoliciesPerGroup',
  role: 'PoliciesPerRole',
};

/** Validates the holder's name member for its type. */
export function checkHolderName(v: Violations, type: PolicyHolderType, name: string | undefined): void {
  if (type === 'user') {
    if (!v.required('userName', name)) checkExistingUserName(v, name);
  } else if (type === 'group') {
    if (!v.required('groupName', name)) checkName(v, 'groupName', name, GROUP_NAME_MAX);
  } else checkRoleName(v, name);
}

const notAttachable = (arn: string) => `Policy ${arn} does not exist or is not attachable.`;

function attachOp(core: ServiceCore, type: PolicyHolderType) {
  return async (ctx: RequestContext, name: string, policyArn: string): Promise<P.EmptyOutputLike> => {
    const v = new Violations();
    checkHolderName(v, type, name);
    checkPolicyArn(v, policyArn);
    v.throwIfAny();
    return write(core, ctx, async (tx) => {
      const holder = await requireHolder(tx, ctx, type, name, true);
      const policy = await requirePolicy(core, tx, ctx, policyArn, notAttachable);
      const existing = await tx.listAttachmentsOf(holder.id);
      // Attaching a policy twice succeeds without change, as on AWS.
      if (existing.some((a) => a.policyRef === policy.ref)) return {};
      if (existing.length >= ATTACHED_POLICIES_PER_HOLDER) {
        throw new IamError(
          'LimitExceeded',
          `Cannot exceed quota for ${QUOTA_NAME[type]}: ${ATTACHED_POLICIES_PER_HOLDER}`,
        );
      }
      const named = policy.kind === 'aws' ? policy.entry : policy.record;
      await tx.insertAttachment({
        accountId: ctx.accountId,
        holderType: type,
        holderId: holder.id,
        policyRef: policy.ref,
        policyName: named.policyName,
        policyPath: named.path,
        attachDate: core.clock.now(),
      });
      return {};
    });
  };
}

function detachOp(core: ServiceCore, type: PolicyHolderType) {
  return async (ctx: RequestContext, name: string, policyArn: string): Promise<P.EmptyOutputLike> => {
    const v = new Violations();
    checkHolderName(v, type, name);
    checkPolicyArn(v, policyArn);
    v.throwIfAny();
    return write(core, ctx, async (tx) => {
      const holder = await requireHolder(tx, ctx, type, name, true);
      const policy = await requirePolicy(core, tx, ctx, policyArn);
      const existing = await tx.listAttachmentsOf(holder.id);
      if (!existing.some((a) => a.policyRef === policy.ref)) {
        throw new IamError('NoSuchEntity', `Policy ${policyArn} was not found.`);
      }
      await tx.deleteAttachment(holder.id, policy.ref);
      return {};
    });
  };
}

/** The attached policies of a holder as `AttachedPolicy`, with ARNs in the request partition. */
export async function attachedPoliciesOf(
  core: ServiceCore,
  ctx: RequestContext,
  holder: Holder,
): Promise<{ a: P.AttachedPolicy; path: string; key: string }[]> {
  const rows = await core.store.listAttachmentsOf(holder.id);
  return rows.map((a) => {
    const arn = a.policyRef.startsWith('aws:')
      ? awsPolicyArn(ctx.partition, { path: a.policyPath, policyName: a.policyName })
      : iamArn(ctx.partition, ctx.accountId, 'policy', a.policyPath, a.policyName);
    return {
      a: { PolicyName: a.policyName, PolicyArn: arn },
      path: a.policyPath,
      key: `${a.policyName.toLowerCase()}\u0000${a.policyRef}`,
    };
  });
}

function listAttachedOp(core: ServiceCore, type: PolicyHolderType) {
  return async (
    ctx: RequestContext,
    name: string,
    input: { PathPrefix?: string; Marker?: string; MaxItems?: number },
  ): Promise<P.ListAttachedPoliciesOutput> => {
    const v = new Violations();
    checkHolderName(v, type, name);
    v.text('pathPrefix', input.PathPrefix, {
      min: 1,
      max: 512,
      pattern: PATH_PREFIX,
      patternSource: PATH_PREFIX_SOURCE,
    });
    checkPage(v, input);
    v.throwIfAny();
    const holder = await requireHolder(core.store, ctx, type, name, false);
    const prefix = input.PathPrefix ?? '/';
    const all = (await attachedPoliciesOf(core, ctx, holder)).filter((x) => x.path.startsWith(prefix));
    const page = await fetchPage(
      input,
      pageInMemory(all, (x) => x.key),
      (x) => x.key,
    );
    return { AttachedPolicies: page.items.map((x) => x.a), IsTruncated: page.IsTruncated, ...marker(page.Marker) };
  };
}

type AttachmentOps = Pick<
  IamOperations,
  | 'attachUserPolicy'
  | 'attachGroupPolicy'
  | 'attachRolePolicy'
  | 'detachUserPolicy'
  | 'detachGroupPolicy'
  | 'detachRolePolicy'
  | 'listAttachedUserPolicies'
  | 'listAttachedGroupPolicies'
  | 'listAttachedRolePolicies'
  | 'listEntitiesForPolicy'
>;

/** Attach/Detach/ListAttached for users, groups and roles, and ListEntitiesForPolicy. */
export function attachmentOperations(core: ServiceCore): AttachmentOps {
  const attach = { user: attachOp(core, 'user'), group: attachOp(core, 'group'), role: attachOp(core, 'role') };
  const detach = { user: detachOp(core, 'user'), group: detachOp(core, 'group'), role: detachOp(core, 'role') };
  const list = {
    user: listAttachedOp(core, 'user'),
    group: listAttachedOp(core, 'group'),
    role: listAttachedOp(core, 'role'),
  };
  return {
    attachUserPolicy: (ctx, i) => attach.user(ctx, i.UserName, i.PolicyArn),
    attachGroupPolicy: (ctx, i) => attach.group(ctx, i.GroupName, i.PolicyArn),
    attachRolePolicy: (ctx, i) => attach.role(ctx, i.RoleName, i.PolicyArn),
    detachUserPolicy: (ctx, i) => detach.user(ctx, i.UserName, i.PolicyArn),
    detachGroupPolicy: (ctx, i) => detach.group(ctx, i.GroupName, i.PolicyArn),
    detachRolePolicy: (ctx, i) => detach.role(ctx, i.RoleName, i.PolicyArn),
    listAttachedUserPolicies: (ctx, i) => list.user(ctx, i.UserName, i),
    listAttachedGroupPolicies: (ctx, i) => list.group(ctx, i.GroupName, i),
    listAttachedRolePolicies: (ctx, i) => list.role(ctx, i.RoleName, i),

    async listEntitiesForPolicy(
      ctx: RequestContext,
      input: P.ListEntitiesForPolicyInput,
    ): Promise<P.ListEntitiesForPolicyOutput> {
      const v = new Violations();
      checkPolicyArn(v, input.PolicyArn);
      v.oneOf('entityFilter', input.EntityFilter, ['User', 'Role', 'Group', 'LocalManagedPolicy', 'AWSManagedPolicy']);
      v.text('pathPrefix', input.PathPrefix, {
        min: 1,
        max: 512,
        pattern: PATH_PREFIX,
        patternSource: PATH_PREFIX_SOURCE,
      });
      v.oneOf('policyUsageFilter', input.PolicyUsageFilter, ['PermissionsPolicy', 'PermissionsBoundary']);
      checkPage(v, input);
      v.throwIfAny();
      const policy = await requirePolicy(core, core.store, ctx, input.PolicyArn);
      const prefix = input.PathPrefix ?? '/';
      type Entity = { type: 'User' | 'Group' | 'Role'; name: string; id: string; path: string };
      const entities: Entity[] = [];
      if (input.PolicyUsageFilter !== 'PermissionsBoundary') {
        for (const a of await core.store.listAttachmentsTo(ctx.accountId, policy.ref)) {
          const e = await entityOf(core, ctx.accountId, a.holderType, a.holderId);
          if (e) entities.push(e);
        }
      }
      if (input.PolicyUsageFilter !== 'PermissionsPolicy') {
        entities.push(...(await boundaryHolders(core, ctx.accountId, policy.arn)));
      }
      const filter = input.EntityFilter;
      const kept = entities
        .filter((e) => e.path.startsWith(prefix))
        .filter((e) => filter === undefined || filter === e.type || !['User', 'Group', 'Role'].includes(filter))
        .map((e) => ({ e, key: `${e.type}\u0000${e.name.toLowerCase()}\u0000${e.id}` }))
        .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      const page = await fetchPage(
        input,
        pageInMemory(kept, (x) => x.key),
        (x) => x.key,
      );
      const items = page.items.map((x) => x.e);
      return {
        PolicyGroups: items.filter((e) => e.type === 'Group').map((e) => ({ GroupName: e.name, GroupId: e.id })),
        PolicyUsers: items.filter((e) => e.type === 'User').map((e) => ({ UserName: e.name, UserId: e.id })),
        PolicyRoles: items.filter((e) => e.type === 'Role').map((e) => ({ RoleName: e.name, RoleId: e.id })),
        IsTruncated: page.IsTruncated,
        ...marker(page.Marker),
      };
    },
  };
}

async function entityOf(core: ServiceCore, accountId: string, type: PolicyHolderType, id: string) {
  const s = core.store;
  if (type === 'user') {
    const u = await s.getUserById(accountId, id);
    return u && { type: 'User' as const, name: u.userName, id, path: u.path };
  }
  if (type === 'group') {
    const g = await s.getGroupById(accountId, id);
    return g && { type: 'Group' as const, name: g.groupName, id, path: g.path };
  }
  const r = await s.getRoleById(accountId, id);
  return r && { type: 'Role' as const, name: r.roleName, id, path: r.path };
}

/** Users and roles whose boundary is `arn` (few per account: scanned). */
async function boundaryHolders(core: ServiceCore, accountId: string, arn: string) {
  const suffix = arn.slice(arn.indexOf(':iam::'));
  const matches = (b: string | null) => b !== null && b.slice(b.indexOf(':iam::')) === suffix;
  const out: { type: 'User' | 'Role'; name: string; id: string; path: string }[] = [];
  for (const u of await core.store.listUsers(accountId, { limit: 100000 })) {
    if (matches(u.permissionsBoundaryArn)) out.push({ type: 'User', name: u.userName, id: u.userId, path: u.path });
  }
  for (const r of await core.store.listRoles(accountId, { limit: 100000 })) {
    if (matches(r.permissionsBoundaryArn)) out.push({ type: 'Role', name: r.roleName, id: r.roleId, path: r.path });
  }
  return out;
}
