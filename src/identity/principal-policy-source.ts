import type {
  PrincipalPolicies,
  PrincipalPolicy,
  PrincipalPolicySource,
  PrincipalRef,
  ResourceDescriber,
  ResourceDescription,
  ResourceRef,
  RoleTrust,
  RoleTrustSource,
} from './enforcement-sources.ts';
import type { AttachmentRecord, IdentityReader, RoleRecord, TagRecord } from './identity-store.ts';
import { awsPolicyArn, customerPolicyArn, parsePolicyArn } from './policy-refs.ts';
import { type ServiceCore, iamArn } from './service-core.ts';

const tagMap = (tags: TagRecord[]): Record<string, string> => Object.fromEntries(tags.map((t) => [t.key, t.value]));

/** Managed policies of attachments → PrincipalPolicy entries (customer ones in one query). */
async function managedPolicies(
  core: ServiceCore,
  r: IdentityReader,
  partition: string,
  attachments: { a: AttachmentRecord; via?: string }[],
): Promise<PrincipalPolicy[]> {
  const customerIds = attachments.filter((x) => !x.a.policyRef.startsWith('aws:')).map((x) => x.a.policyRef);
  const customer = await r.getPoliciesWithDefaultDocument(customerIds);
  const out: PrincipalPolicy[] = [];
  for (const { a, via } of attachments) {
    const viaPart = via === undefined ? {} : { via };
    const aws = core.catalog.findByRef(a.policyRef);
    if (aws) {
      out.push({
        source: 'managed',
        name: aws.policyName,
        arn: awsPolicyArn(partition, aws),
        ...viaPart,
        document: aws.document,
      });
      continue;
    }
    const c = customer.get(a.policyRef);
    if (c)
      out.push({
        source: 'managed',
        name: c.policy.policyName,
        arn: customerPolicyArn(c.policy),
        ...viaPart,
        document: c.document,
      });
  }
  return out;
}

/** The boundary's document, or undefined when the ARN names no policy (it was checked when set). */
async function boundaryOf(
  core: ServiceCore,
  r: IdentityReader,
  accountId: string,
  arn: string | null,
): Promise<{ arn: string; document: string } | undefined> {
  if (arn === null) return undefined;
  const parts = parsePolicyArn(arn);
  if (!parts) return undefined;
  if (parts.owner === 'aws') {
    const entry = core.catalog.find(parts.path, parts.name);
    return entry && { arn, document: entry.document };
  }
  const p = await r.getPolicyByName(accountId, parts.name);
  if (!p) return undefined;
  const docs = await r.getPoliciesWithDefaultDocument([p.policyId]);
  const d = docs.get(p.policyId);
  return d && { arn, document: d.document };
}

async function loadUser(core: ServiceCore, r: IdentityReader, accountId: string, userName: string) {
  const found = await r.getUserWithTags(accountId, userName);
  if (!found) return undefined;
  const { user, tags } = found;
  const [groups, inline, attached] = await Promise.all([
    r.listGroupsForUser(user.userId, { limit: 1000 }),
    r.listInlinePolicies(user.userId),
    r.listAttachmentsOf(user.userId),
  ]);
  const identity: PrincipalPolicy[] = inline.map((p) => ({
    source: 'user-inline',
    name: p.policyName,
    document: p.document,
  }));
  const attachments: { a: AttachmentRecord; via?: string }[] = attached.map((a) => ({ a }));
  for (const g of groups) {
    const [gi, ga] = await Promise.all([r.listInlinePolicies(g.groupId), r.listAttachmentsOf(g.groupId)]);
    for (const p of gi)
      identity.push({ source: 'group-inline', name: p.policyName, via: g.groupName, document: p.document });
    for (const a of ga) attachments.push({ a, via: g.groupName });
  }
  identity.push(...(await managedPolicies(core, r, user.partition, attachments)));
  const boundary = await boundaryOf(core, r, accountId, user.permissionsBoundaryArn);
  const out: PrincipalPolicies = {
    arn: iamArn(user.partition, accountId, 'user', user.path, user.userName),
    id: user.userId,
    tags: tagMap(tags),
    identity,
  };
  if (boundary) out.boundary = boundary;
  return out;
}

async function loadRole(core: ServiceCore, r: IdentityReader, role: RoleRecord): Promise<PrincipalPolicies> {
  const [tags, inline, attached] = await Promise.all([
    r.listEntityTags(role.roleId),
    r.listInlinePolicies(role.roleId),
    r.listAttachmentsOf(role.roleId),
  ]);
  const identity: PrincipalPolicy[] = inline.map((p) => ({
    source: 'role-inline',
    name: p.policyName,
    document: p.document,
  }));
  identity.push(
    ...(await managedPolicies(
      core,
      r,
      role.partition,
      attached.map((a) => ({ a })),
    )),
  );
  const boundary = await boundaryOf(core, r, role.accountId, role.permissionsBoundaryArn);
  const out: PrincipalPolicies = { arn: roleArn(role), id: role.roleId, tags: tagMap(tags), identity };
  if (boundary) out.boundary = boundary;
  return out;
}

async function loadGroup(
  core: ServiceCore,
  r: IdentityReader,
  accountId: string,
  groupName: string,
): Promise<PrincipalPolicies | undefined> {
  const g = await r.getGroupByName(accountId, groupName);
  if (!g) return undefined;
  const [inline, attached] = await Promise.all([r.listInlinePolicies(g.groupId), r.listAttachmentsOf(g.groupId)]);
  const identity: PrincipalPolicy[] = inline.map((p) => ({
    source: 'group-inline',
    name: p.policyName,
    via: g.groupName,
    document: p.document,
  }));
  identity.push(...(await managedPolicies(core, r, g.partition, attached.map((a) => ({ a, via: g.groupName })))));
  return { arn: iamArn(g.partition, accountId, 'group', g.path, g.groupName), id: g.groupId, tags: {}, identity };
}

/** A role's ARN. */
export const roleArn = (role: RoleRecord): string =>
  iamArn(role.partition, role.accountId, 'role', role.path, role.roleName);

/** Reads for enforcement and STS, each in one read transaction so the picture is consistent. */
export function enforcementSources(core: ServiceCore): {
  policies: PrincipalPolicySource;
  resources: ResourceDescriber;
  roles: RoleTrustSource;
} {
  const policies: PrincipalPolicySource = {
    load(accountId: string, principal: PrincipalRef) {
      return core.store.transaction(async (tx) => {
        if (principal.kind === 'user') return loadUser(core, tx, accountId, principal.userName);
        const role = await tx.getRoleByName(accountId, principal.roleName);
        return role && loadRole(core, tx, role);
      });
    },
    loadGroup(accountId: string, groupName: string) {
      return core.store.transaction((tx) => loadGroup(core, tx, accountId, groupName));
    },
    onChange: (listener) => core.changes.subscribe(listener),
  };
  const resources: ResourceDescriber = {
    describe: (accountId, ref) => describe(core, accountId, ref),
  };
  const roles: RoleTrustSource = {
    getTrustPolicy(accountId: string, roleName: string): Promise<RoleTrust | undefined> {
      return core.store.transaction(async (tx) => {
        const role = await tx.getRoleByName(accountId, roleName);
        if (!role) return undefined;
        const tags = await tx.listEntityTags(role.roleId);
        const boundary = await boundaryOf(core, tx, accountId, role.permissionsBoundaryArn);
        const out: RoleTrust = {
          arn: roleArn(role),
          id: role.roleId,
          document: role.assumeRolePolicyDocument,
          maxSessionDuration: role.maxSessionDuration,
          tags: tagMap(tags),
        };
        if (boundary) out.boundary = boundary;
        return out;
      });
    },
  };
  return { policies, resources, roles };
}

/** The name a ref carries (from `name`, else the last ARN segment). */
function nameOf(ref: ResourceRef): string | undefined {
  if (ref.name !== undefined) return ref.name;
  if (ref.arn === undefined) return undefined;
  const i = ref.arn.lastIndexOf('/');
  return i < 0 ? undefined : ref.arn.slice(i + 1);
}

async function describe(
  core: ServiceCore,
  accountId: string,
  ref: ResourceRef,
): Promise<ResourceDescription | undefined> {
  const s = core.store;
  if (ref.type === 'policy') {
    const parts = ref.arn !== undefined ? parsePolicyArn(ref.arn) : undefined;
    if (parts?.owner === 'aws') {
      const e = core.catalog.find(parts.path, parts.name);
      return e && { arn: awsPolicyArn(parts.partition, e), path: e.path, tags: {} };
    }
    const name = parts?.name ?? ref.name;
    const p = name === undefined ? undefined : await s.getPolicyByName(accountId, name);
    return p && { arn: customerPolicyArn(p), path: p.path, tags: tagMap(await s.listEntityTags(p.policyId)) };
  }
  const name = nameOf(ref);
  if (name === undefined) return undefined;
  switch (ref.type) {
    case 'user': {
      const found = await s.getUserWithTags(accountId, name);
      if (!found) return undefined;
      const u = found.user;
      const arn = iamArn(u.partition, accountId, 'user', u.path, u.userName);
      return { arn, path: u.path, tags: tagMap(found.tags) };
    }
    case 'group': {
      const g = await s.getGroupByName(accountId, name);
      return g && { arn: iamArn(g.partition, accountId, 'group', g.path, g.groupName), path: g.path, tags: {} };
    }
    case 'role': {
      const r = await s.getRoleByName(accountId, name);
      return r && { arn: roleArn(r), path: r.path, tags: tagMap(await s.listEntityTags(r.roleId)) };
    }
    case 'instance-profile': {
      const p = await s.getInstanceProfileByName(accountId, name);
      return (
        p && {
          arn: iamArn(p.partition, accountId, 'instance-profile', p.path, p.instanceProfileName),
          path: p.path,
          tags: tagMap(await s.listEntityTags(p.instanceProfileId)),
        }
      );
    }
  }
}
