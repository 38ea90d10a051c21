import { type Kysely, sql } from 'kysely';
import type {
  AttachmentRecord,
  GroupRecord,
  InlinePolicyRecord,
  InstanceProfileRecord,
  ManagedPolicyRecord,
  PageQuery,
  PolicyReader,
  PolicyVersionRecord,
  RoleRecord,
  TagRecord,
} from '../identity/index.ts';
import { toAttachment, toInlinePolicy, toInstanceProfile, toPolicy, toPolicyVersion, toRole } from './policy-rows.ts';
import { toGroup } from './rows.ts';
import type { Database } from './schema.ts';

const num = (v: unknown): number => Number(v ?? 0);

/** Reads of roles, policies, attachments, inline policies, tags and instance profiles. */
export class KyselyPolicyReader implements PolicyReader {
  protected readonly db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.db = db;
  }

  async getRoleByName(accountId: string, roleName: string): Promise<RoleRecord | undefined> {
    const r = await this.db
      .selectFrom('roles')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('name_lower', '=', roleName.toLowerCase())
      .executeTakeFirst();
    return r && toRole(r);
  }
  async getRoleById(accountId: string, roleId: string): Promise<RoleRecord | undefined> {
    const r = await this.db
      .selectFrom('roles')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('id', '=', roleId)
      .executeTakeFirst();
    return r && toRole(r);
  }
  async listRoles(accountId: string, q: PageQuery & { pathPrefix?: string }): Promise<RoleRecord[]> {
    let query = this.db.selectFrom('roles').selectAll().where('account_id', '=', accountId);
    if (q.pathPrefix) query = query.where(sql<string>`substr(path, 1, ${q.pathPrefix.length})`, '=', q.pathPrefix);
    if (q.after !== undefined) query = query.where('name_lower', '>', q.after);
    return (await query.orderBy('name_lower').limit(q.limit).execute()).map(toRole);
  }
  async countRoles(accountId: string): Promise<number> {
    return this.#count('roles', accountId);
  }
  async getGroupById(accountId: string, groupId: string): Promise<GroupRecord | undefined> {
    const r = await this.db
      .selectFrom('iam_groups')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('id', '=', groupId)
      .executeTakeFirst();
    return r && toGroup(r);
  }

  async getPolicyByName(accountId: string, policyName: string): Promise<ManagedPolicyRecord | undefined> {
    const r = await this.db
      .selectFrom('managed_policies')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('name_lower', '=', policyName.toLowerCase())
      .executeTakeFirst();
    return r && toPolicy(r);
  }
  async listPolicies(accountId: string, q: PageQuery & { pathPrefix?: string }): Promise<ManagedPolicyRecord[]> {
    let query = this.db.selectFrom('managed_policies').selectAll().where('account_id', '=', accountId);
    if (q.pathPrefix) query = query.where(sql<string>`substr(path, 1, ${q.pathPrefix.length})`, '=', q.pathPrefix);
    if (q.after !== undefined) query = query.where('name_lower', '>', q.after);
    return (await query.orderBy('name_lower').limit(q.limit).execute()).map(toPolicy);
  }
  async countPolicies(accountId: string): Promise<number> {
    return this.#count('managed_policies', accountId);
  }
  async listPolicyVersions(policyId: string): Promise<PolicyVersionRecord[]> {
    const rows = await this.db.selectFrom('policy_versions').selectAll().where('policy_id', '=', policyId).execute();
    // v10 sorts after v9: order by the number, not the text.
    return rows.map(toPolicyVersion).sort((a, b) => Number(a.versionId.slice(1)) - Number(b.versionId.slice(1)));
  }
  async getPoliciesWithDefaultDocument(
    policyIds: readonly string[],
  ): Promise<Map<string, { policy: ManagedPolicyRecord; document: string }>> {
    const out = new Map<string, { policy: ManagedPolicyRecord; document: string }>();
    if (policyIds.length === 0) return out;
    const rows = await this.db
      .selectFrom('managed_policies')
      .innerJoin('policy_versions', (j) =>
        j
          .onRef('policy_versions.policy_id', '=', 'managed_policies.id')
          .onRef('policy_versions.version_id', '=', 'managed_policies.default_version_id'),
      )
      .selectAll('managed_policies')
      .select('policy_versions.document')
      .where('managed_policies.id', 'in', [...policyIds])
      .execute();
    for (const r of rows) out.set(r.id, { policy: toPolicy(r), document: r.document });
    return out;
  }
  async countPolicyVersions(accountId: string): Promise<number> {
    const r = await this.db
      .selectFrom('policy_versions')
      .innerJoin('managed_policies', 'managed_policies.id', 'policy_versions.policy_id')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('managed_policies.account_id', '=', accountId)
      .executeTakeFirst();
    return num(r?.n);
  }

  async listAttachmentsOf(holderId: string): Promise<AttachmentRecord[]> {
    const rows = await this.db
      .selectFrom('policy_attachments')
      .selectAll()
      .where('holder_id', '=', holderId)
      .orderBy('policy_name_lower')
      .orderBy('policy_ref')
      .execute();
    return rows.map(toAttachment);
  }
  async listAttachmentsTo(accountId: string, policyRef: string): Promise<AttachmentRecord[]> {
    const rows = await this.db
      .selectFrom('policy_attachments')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('policy_ref', '=', policyRef)
      .orderBy('holder_id')
      .execute();
    return rows.map(toAttachment);
  }
  async countAttachments(accountId: string): Promise<Map<string, number>> {
    const rows = await this.db
      .selectFrom('policy_attachments')
      .select((eb) => ['policy_ref', eb.fn.countAll().as('n')])
      .where('account_id', '=', accountId)
      .groupBy('policy_ref')
      .execute();
    return new Map(rows.map((r) => [r.policy_ref, num(r.n)]));
  }
  async countBoundaryUses(accountId: string): Promise<Map<string, number>> {
    const [users, roles] = await Promise.all(
      (['users', 'roles'] as const).map((table) =>
        this.db
          .selectFrom(table)
          .select((eb) => ['permissions_boundary_arn', eb.fn.countAll().as('n')])
          .where('account_id', '=', accountId)
          .where('permissions_boundary_arn', 'is not', null)
          .groupBy('permissions_boundary_arn')
          .execute(),
      ),
    );
    const out = new Map<string, number>();
    for (const r of [...(users ?? []), ...(roles ?? [])]) {
      const arn = r.permissions_boundary_arn as string;
      out.set(arn, (out.get(arn) ?? 0) + num(r.n));
    }
    return out;
  }

  async listInlinePolicies(holderId: string): Promise<InlinePolicyRecord[]> {
    const rows = await this.db
      .selectFrom('inline_policies')
      .selectAll()
      .where('holder_id', '=', holderId)
      .orderBy('name_lower')
      .execute();
    return rows.map(toInlinePolicy);
  }

  async listEntityTags(entityId: string): Promise<TagRecord[]> {
    return this.db
      .selectFrom('entity_tags')
      .select(['key', 'value'])
      .where('entity_id', '=', entityId)
      .orderBy('position')
      .execute();
  }

  async getInstanceProfileByName(accountId: string, name: string): Promise<InstanceProfileRecord | undefined> {
    const r = await this.db
      .selectFrom('instance_profiles')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('name_lower', '=', name.toLowerCase())
      .executeTakeFirst();
    return r && toInstanceProfile(r);
  }
  async listInstanceProfiles(
    accountId: string,
    q: PageQuery & { pathPrefix?: string },
  ): Promise<InstanceProfileRecord[]> {
    let query = this.db.selectFrom('instance_profiles').selectAll().where('account_id', '=', accountId);
    if (q.pathPrefix) query = query.where(sql<string>`substr(path, 1, ${q.pathPrefix.length})`, '=', q.pathPrefix);
    if (q.after !== undefined) query = query.where('name_lower', '>', q.after);
    return (await query.orderBy('name_lower').limit(q.limit).execute()).map(toInstanceProfile);
  }
  async countInstanceProfiles(accountId: string): Promise<number> {
    return this.#count('instance_profiles', accountId);
  }
  async getInstanceProfileRoleId(instanceProfileId: string): Promise<string | undefined> {
    const r = await this.db
      .selectFrom('instance_profile_roles')
      .select('role_id')
      .where('instance_profile_id', '=', instanceProfileId)
      .executeTakeFirst();
    return r?.role_id;
  }
  async listInstanceProfilesForRole(roleId: string): Promise<InstanceProfileRecord[]> {
    const rows = await this.db
      .selectFrom('instance_profile_roles')
      .innerJoin('instance_profiles', 'instance_profiles.id', 'instance_profile_roles.instance_profile_id')
      .selectAll('instance_profiles')
      .where('instance_profile_roles.role_id', '=', roleId)
      .orderBy('instance_profiles.name_lower')
      .execute();
    return rows.map(toInstanceProfile);
  }

  async #count(table: 'roles' | 'managed_policies' | 'instance_profiles', accountId: string): Promise<number> {
    const r = await this.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll().as('n'))
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    return num(r?.n);
  }
}
