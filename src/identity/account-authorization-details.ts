import type { IamOperations } from './iam-operations.ts';
import type { InlinePolicyRecord } from './identity-store.ts';
import { pageInMemory, roleView } from './holders.ts';
import { instanceProfileView } from './instance-profiles.ts';
import { fetchPage } from './pagination.ts';
import { attachedPoliciesOf } from './policy-attachments.ts';
import {
  type ResolvedPolicy,
  awsPolicyArn,
  awsRef,
  customerPolicyArn,
  policyUsage,
  policyView,
  versionView,
} from './policy-refs.ts';
import type * as P from './policy-types.ts';
import type { RequestContext } from './request-context.ts';
import { type ServiceCore, groupView, userView } from './service-core.ts';
import { toApiTags } from './tags.ts';
import { marker } from './users.ts';
import { Violations, checkPage } from './validation.ts';

const ENTITY_TYPES = ['User', 'Role', 'Group', 'LocalManagedPolicy', 'AWSManagedPolicy'] as const;
const ALL_ROWS = 100000;

type Item =
  | { kind: 'user'; detail: P.UserDetail }
  | { kind: 'group'; detail: P.GroupDetail }
  | { kind: 'role'; detail: P.RoleDetail }
  | { kind: 'policy'; detail: P.ManagedPolicyDetail };

const details = (inline: InlinePolicyRecord[]): P.PolicyDetail[] =>
  inline.map((p) => ({ PolicyName: p.policyName, PolicyDocument: p.document }));

/** Every item of the account the filter asks for, in a stable order (users, groups, roles, policies). */
async function collect(core: ServiceCore, ctx: RequestContext, want: Set<string>): Promise<Item[]> {
  const s = core.store;
  const a = ctx.accountId;
  const items: Item[] = [];
  if (want.has('User')) {
    for (const u of await s.listUsers(a, { limit: ALL_ROWS })) {
      const holder = { type: 'user' as const, id: u.userId, name: u.userName, accountId: a };
      const [inline, groups, attached, tags] = await Promise.all([
        s.listInlinePolicies(u.userId),
        s.listGroupsForUser(u.userId, { limit: ALL_ROWS }),
        attachedPoliciesOf(core, ctx, holder),
        s.listUserTags(u.userId),
      ]);
      const base = userView(u, { withBoundary: true });
      const detail: P.UserDetail = {
        Path: base.Path,
        UserName: base.UserName,
        UserId: base.UserId,
        Arn: base.Arn,
        CreateDate: base.CreateDate,
        UserPolicyList: details(inline),
        GroupList: groups.map((g) => g.groupName),
        AttachedManagedPolicies: attached.map((x) => x.a),
        ...(base.PermissionsBoundary ? { PermissionsBoundary: base.PermissionsBoundary } : {}),
        Tags: toApiTags(tags),
      };
      items.push({ kind: 'user', detail });
    }
  }
  if (want.has('Group')) {
    for (const g of await s.listGroups(a, { limit: ALL_ROWS })) {
      const holder = { type: 'group' as const, id: g.groupId, name: g.groupName, accountId: a };
      const [inline, attached] = await Promise.all([
        s.listInlinePolicies(g.groupId),
        attachedPoliciesOf(core, ctx, holder),
      ]);
      items.push({
        kind: 'group',
        detail: {
          ...groupView(g),
          GroupPolicyList: details(inline),
          AttachedManagedPolicies: attached.map((x) => x.a),
        },
      });
    }
  }
  if (want.has('Role')) {
    for (const r of await s.listRoles(a, { limit: ALL_ROWS })) {
      const holder = { type: 'role' as const, id: r.roleId, name: r.roleName, accountId: a };
      const [inline, attached, tags, profiles] = await Promise.all([
        s.listInlinePolicies(r.roleId),
        attachedPoliciesOf(core, ctx, holder),
        s.listEntityTags(r.roleId),
        s.listInstanceProfilesForRole(r.roleId),
      ]);
      const view = roleView(r, { full: true });
      const detail: P.RoleDetail = {
        Path: view.Path,
        RoleName: view.RoleName,
        RoleId: view.RoleId,
        Arn: view.Arn,
        CreateDate: view.CreateDate,
        AssumeRolePolicyDocument: r.assumeRolePolicyDocument,
        InstanceProfileList: await Promise.all(profiles.map((p) => instanceProfileView(s, p, false))),
        RolePolicyList: details(inline),
        AttachedManagedPolicies: attached.map((x) => x.a),
        ...(view.PermissionsBoundary ? { PermissionsBoundary: view.PermissionsBoundary } : {}),
        Tags: toApiTags(tags),
        RoleLastUsed: view.RoleLastUsed ?? {},
      };
      items.push({ kind: 'role', detail });
    }
  }
  const usage = await policyUsage(s, a);
  const policyDetail = (p: ResolvedPolicy, versions: P.PolicyVersion[]): P.ManagedPolicyDetail => {
    const { Tags: _tags, ...view } = policyView(p, usage);
    return { ...view, PolicyVersionList: versions };
  };
  if (want.has('LocalManagedPolicy')) {
    for (const r of await s.listPolicies(a, { limit: ALL_ROWS })) {
      const versions = (await s.listPolicyVersions(r.policyId)).map((x) => versionView(x, r.defaultVersionId, true));
      const p: ResolvedPolicy = { kind: 'customer', arn: customerPolicyArn(r), ref: r.policyId, record: r };
      items.push({ kind: 'policy', detail: policyDetail(p, versions) });
    }
  }
  if (want.has('AWSManagedPolicy')) {
    // AWS managed policies appear only when used in the account (attached or as a boundary).
    for (const e of core.catalog.all()) {
      const p: ResolvedPolicy = { kind: 'aws', arn: awsPolicyArn(ctx.partition, e), ref: awsRef(e), entry: e };
      const view = policyView(p, usage);
      if (view.AttachmentCount === 0 && view.PermissionsBoundaryUsageCount === 0) continue;
      const version = {
        policyId: e.policyId,
        versionId: e.defaultVersionId,
        document: e.document,
        createDate: e.updateDate,
      };
      items.push({ kind: 'policy', detail: policyDetail(p, [versionView(version, e.defaultVersionId, true)]) });
    }
  }
  return items;
}

type DetailOps = Pick<IamOperations, 'getAccountAuthorizationDetails'>;

/** GetAccountAuthorizationDetails: the account's identities and policies in one paginated listing. */
export function authorizationDetailOperations(core: ServiceCore): DetailOps {
  return {
    async getAccountAuthorizationDetails(ctx: RequestContext, input: P.GetAccountAuthorizationDetailsInput) {
      const v = new Violations();
      (input.Filter ?? []).forEach((f, i) => {
        v.oneOf(`filter.${i + 1}.member`, f, ENTITY_TYPES);
      });
      checkPage(v, input);
      v.throwIfAny();
      const want = new Set<string>(input.Filter && input.Filter.length > 0 ? input.Filter : ENTITY_TYPES);
      const items = (await collect(core, ctx, want)).map((item, i) => ({ item, key: String(i).padStart(7, '0') }));
      const page = await fetchPage(
        input,
        pageInMemory(items, (x) => x.key),
        (x) => x.key,
      );
      const out: P.GetAccountAuthorizationDetailsOutput = {
        UserDetailList: [],
        GroupDetailList: [],
        RoleDetailList: [],
        Policies: [],
        IsTruncated: page.IsTruncated,
        ...marker(page.Marker),
      };
      for (const { item } of page.items) {
        if (item.kind === 'user') out.UserDetailList.push(item.detail);
        else if (item.kind === 'group') out.GroupDetailList.push(item.detail);
        else if (item.kind === 'role') out.RoleDetailList.push(item.detail);
        else out.Policies.push(item.detail);
      }
      return out;
    },
  };
}
