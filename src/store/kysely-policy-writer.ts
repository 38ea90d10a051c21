import type {
  AttachmentRecord,
  InlinePolicyRecord,
  InstanceProfileRecord,
  ManagedPolicyRecord,
  PolicyVersionRecord,
  PolicyWriter,
  RoleRecord,
  TagRecord,
} from '../identity/index.ts';
import { KyselyOidcReader } from './kysely-oidc-reader.ts';
import { fromInstanceProfile, fromPolicy, fromRole } from './policy-rows.ts';
import type { RolesTable } from './schema.ts';
import { unique } from './unique-violation.ts';

/** Writes of roles, policies, attachments, inline policies, tags and instance profiles (inside a transaction). */
export class KyselyPolicyWriter extends KyselyOidcReader implements PolicyWriter {
  async insertRole(r: RoleRecord): Promise<void> {
    await unique(
      this.db.insertInto('roles').values(fromRole(r)).execute(),
      `Role with name ${r.roleName} already exists.`,
    );
  }
  async updateRole(
    roleId: string,
    change: {
      description?: string | null;
      maxSessionDuration?: number;
      assumeRolePolicyDocument?: string;
      permissionsBoundaryArn?: string | null;
    },
  ): Promise<void> {
    const set: Partial<RolesTable> = {};
    if (change.description !== undefined) set.description = change.description;
    if (change.maxSessionDuration !== undefined) set.max_session_duration = change.maxSessionDuration;
    if (change.assumeRolePolicyDocument !== undefined) set.assume_role_policy = change.assumeRolePolicyDocument;
    if (change.permissionsBoundaryArn !== undefined) set.permissions_boundary_arn = change.permissionsBoundaryArn;
    if (Object.keys(set).length === 0) return;
    await this.db.updateTable('roles').set(set).where('id', '=', roleId).execute();
  }
  async deleteRole(roleId: string): Promise<void> {
    await this.db.deleteFrom('entity_tags').where('entity_id', '=', roleId).execute();
    await this.db.deleteFrom('roles').where('id', '=', roleId).execute();
  }
  async setUserBoundary(userId: string, arn: string | null): Promise<void> {
    await this.db.updateTable('users').set({ permissions_boundary_arn: arn }).where('id', '=', userId).execute();
  }

  async insertPolicy(p: ManagedPolicyRecord): Promise<void> {
    await unique(
      this.db.insertInto('managed_policies').values(fromPolicy(p)).execute(),
      `A policy called ${p.policyName} already exists. Duplicate names are not allowed.`,
    );
  }
  async updatePolicy(
    policyId: string,
    change: { defaultVersionId?: string; nextVersion?: number; updateDate?: Date },
  ): Promise<void> {
    const set: { default_version_id?: string; next_version?: number; updated_at?: string } = {};
    if (change.defaultVersionId !== undefined) set.default_version_id = change.defaultVersionId;
    if (change.nextVersion !== undefined) set.next_version = change.nextVersion;
    if (change.updateDate !== undefined) set.updated_at = change.updateDate.toISOString();
    if (Object.keys(set).length === 0) return;
    await this.db.updateTable('managed_policies').set(set).where('id', '=', policyId).execute();
  }
  async deletePolicy(policyId: string): Promise<void> {
    await this.db.deleteFrom('entity_tags').where('entity_id', '=', policyId).execute();
    await this.db.deleteFrom('policy_versions').where('policy_id', '=', policyId).execute();
    await this.db.deleteFrom('managed_policies').where('id', '=', policyId).execute();
  }
  async insertPolicyVersion(v: PolicyVersionRecord): Promise<void> {
    await unique(
      this.db
        .insertInto('policy_versions')
        .values({
          policy_id: v.policyId,
          version_id: v.versionId,
          document: v.document,
          created_at: v.createDate.toISOString(),
        })
        .execute(),
      `Policy version ${v.versionId} already exists.`,
    );
  }
  async deletePolicyVersion(policyId: string, versionId: string): Promise<void> {
    await this.db
      .deleteFrom('policy_versions')
      .where('policy_id', '=', policyId)
      .where('version_id', '=', versionId)
      .execute();
  }

  async insertAttachment(a: AttachmentRecord): Promise<void> {
    await unique(
      this.db
        .insertInto('policy_attachments')
        .values({
          holder_id: a.holderId,
          account_id: a.accountId,
          holder_type: a.holderType,
          policy_ref: a.policyRef,
          policy_name: a.policyName,
          policy_name_lower: a.policyName.toLowerCase(),
          policy_path: a.policyPath,
          attached_at: a.attachDate.toISOString(),
        })
        .execute(),
      'The policy is already attached.',
    );
  }
  async deleteAttachment(holderId: string, policyRef: string): Promise<void> {
    await this.db
      .deleteFrom('policy_attachments')
      .where('holder_id', '=', holderId)
      .where('policy_ref', '=', policyRef)
      .execute();
  }

  async putInlinePolicy(p: InlinePolicyRecord): Promise<void> {
    const nameLower = p.policyName.toLowerCase();
    await this.db
      .deleteFrom('inline_policies')
      .where('holder_id', '=', p.holderId)
      .where('name_lower', '=', nameLower)
      .execute();
    await this.db
      .insertInto('inline_policies')
      .values({
        holder_id: p.holderId,
        account_id: p.accountId,
        holder_type: p.holderType,
        name: p.policyName,
        name_lower: nameLower,
        document: p.document,
      })
      .execute();
  }
  async deleteInlinePolicy(holderId: string, policyName: string): Promise<void> {
    await this.db
      .deleteFrom('inline_policies')
      .where('holder_id', '=', holderId)
      .where('name_lower', '=', policyName.toLowerCase())
      .execute();
  }

  async setEntityTags(entityId: string, tags: TagRecord[], accountId?: string): Promise<void> {
    await this.db.deleteFrom('entity_tags').where('entity_id', '=', entityId).execute();
    if (tags.length === 0) return;
    const owner = accountId ?? (await this.#accountOf(entityId));
    const rows = tags.map((t, i) => ({
      entity_id: entityId,
      account_id: owner,
      key: t.key,
      key_lower: t.key.toLowerCase(),
      value: t.value,
      position: i,
    }));
    await unique(this.db.insertInto('entity_tags').values(rows).execute(), 'Duplicate tag keys found.');
  }

  async insertInstanceProfile(p: InstanceProfileRecord): Promise<void> {
    await unique(
      this.db.insertInto('instance_profiles').values(fromInstanceProfile(p)).execute(),
      `Instance Profile ${p.instanceProfileName} already exists.`,
    );
  }
  async deleteInstanceProfile(instanceProfileId: string): Promise<void> {
    await this.db.deleteFrom('entity_tags').where('entity_id', '=', instanceProfileId).execute();
    await this.db.deleteFrom('instance_profile_roles').where('instance_profile_id', '=', instanceProfileId).execute();
    await this.db.deleteFrom('instance_profiles').where('id', '=', instanceProfileId).execute();
  }
  async setInstanceProfileRole(instanceProfileId: string, roleId: string | null, at: Date): Promise<void> {
    await this.db.deleteFrom('instance_profile_roles').where('instance_profile_id', '=', instanceProfileId).execute();
    if (roleId === null) return;
    await this.db
      .insertInto('instance_profile_roles')
      .values({ instance_profile_id: instanceProfileId, role_id: roleId, added_at: at.toISOString() })
      .execute();
  }

  /** The account owning a role, policy or instance profile (tags rows carry it so an account wipe cascades). */
  async #accountOf(entityId: string): Promise<string> {
    for (const table of ['roles', 'managed_policies', 'instance_profiles'] as const) {
      const r = await this.db.selectFrom(table).select('account_id').where('id', '=', entityId).executeTakeFirst();
      if (r) return r.account_id;
    }
    throw new Error(`tags for unknown entity ${entityId}`);
  }
}
