/**
 * The store contract for issue 4's tables (roles, managed policies and versions, attachments, inline policies,
 * entity tags, instance profiles), run on every adapter beside runIdentityStoreContract.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { isIamError } from '../shared/index.ts';
import type { IdentityStore, ManagedPolicyRecord, RoleRecord } from './identity-store.ts';

type Closable = IdentityStore & { close(): Promise<void> };
const T0 = new Date('2026-11-22T12:00:00.000Z');
let seq = 0;

/** Runs the policy/role part of the port contract against stores made by `makeStore`. */
export function runPolicyStoreContract(name: string, makeStore: () => Promise<Closable>): void {
  describe(`IdentityStore policy contract: ${name}`, () => {
    let store: Closable;
    before(async () => {
      store = await makeStore();
    });
    after(async () => {
      await store.close();
    });

    async function account(): Promise<string> {
      const id = String(200000000000 + Math.floor(Math.random() * 1e9) * 100 + (seq++ % 100));
      await store.transaction((tx) =>
        tx.insertAccount({ accountId: id, alias: null, partition: 'aws', createDate: T0 }),
      );
      return id;
    }
    const role = (accountId: string, roleName: string, extra: Partial<RoleRecord> = {}): RoleRecord => ({
      accountId,
      roleId: `AROA${accountId}${roleName.toUpperCase()}`.slice(0, 32),
      roleName,
      path: '/',
      partition: 'aws',
      createDate: T0,
      assumeRolePolicyDocument: '{"Version":"2012-10-17","Statement":[]}',
      description: null,
      maxSessionDuration: 3600,
      permissionsBoundaryArn: null,
      lastUsedDate: null,
      lastUsedRegion: null,
      ...extra,
    });
    const policy = (accountId: string, policyName: string): ManagedPolicyRecord => ({
      accountId,
      policyId: `ANPA${accountId}${policyName.toUpperCase()}`.slice(0, 32),
      policyName,
      path: '/',
      partition: 'aws',
      description: 'd',
      createDate: T0,
      updateDate: T0,
      defaultVersionId: 'v1',
      nextVersion: 2,
    });

    test('roles round-trip, are unique case-insensitively, list by name with path prefix, update and delete', async () => {
      const a = await account();
      await store.transaction(async (tx) => {
        await tx.insertRole(role(a, 'Web', { path: '/app/', permissionsBoundaryArn: 'arn:aws:iam::aws:policy/X' }));
        await tx.insertRole(role(a, 'api'));
      });
      await assert.rejects(
        store.transaction((tx) => tx.insertRole(role(a, 'WEB', { roleId: 'AROAOTHER' }))),
        (e: unknown) => isIamError(e) && e.code === 'EntityAlreadyExists',
      );
      const web = await store.getRoleByName(a, 'web');
      assert.equal(web?.path, '/app/');
      assert.deepEqual(web?.createDate, T0);
      assert.deepEqual(
        (await store.listRoles(a, { limit: 10 })).map((r) => r.roleName),
        ['api', 'Web'],
      );
      assert.deepEqual(
        (await store.listRoles(a, { limit: 10, after: 'api' })).map((r) => r.roleName),
        ['Web'],
      );
      assert.deepEqual(
        (await store.listRoles(a, { limit: 10, pathPrefix: '/app/' })).map((r) => r.roleName),
        ['Web'],
      );
      assert.equal(await store.countRoles(a), 2);
      assert.deepEqual(await store.countBoundaryUses(a), new Map([['arn:aws:iam::aws:policy/X', 1]]));
      await store.transaction((tx) =>
        tx.updateRole(web?.roleId as string, {
          description: 'x',
          maxSessionDuration: 7200,
          permissionsBoundaryArn: null,
        }),
      );
      const updated = await store.getRoleById(a, web?.roleId as string);
      assert.deepEqual(
        [updated?.description, updated?.maxSessionDuration, updated?.permissionsBoundaryArn],
        ['x', 7200, null],
      );
      await store.recordRoleUse(web?.roleId as string, { at: T0, region: 'us-west-2' });
      assert.equal((await store.getRoleByName(a, 'Web'))?.lastUsedRegion, 'us-west-2');
      await store.transaction((tx) => tx.deleteRole(web?.roleId as string));
      assert.equal(await store.getRoleByName(a, 'Web'), undefined);
    });

    test('policies keep their versions in numeric order and the default version document is readable', async () => {
      const a = await account();
      const p = policy(a, 'Pol');
      await store.transaction(async (tx) => {
        await tx.insertPolicy(p);
        for (const n of [1, 2, 10]) {
          await tx.insertPolicyVersion({
            policyId: p.policyId,
            versionId: `v${n}`,
            document: `doc${n}`,
            createDate: T0,
          });
        }
        await tx.updatePolicy(p.policyId, { defaultVersionId: 'v10', nextVersion: 11, updateDate: T0 });
      });
      assert.deepEqual(
        (await store.listPolicyVersions(p.policyId)).map((v) => v.versionId),
        ['v1', 'v2', 'v10'],
      );
      const withDoc = await store.getPoliciesWithDefaultDocument([p.policyId]);
      assert.equal(withDoc.get(p.policyId)?.document, 'doc10');
      assert.equal(withDoc.get(p.policyId)?.policy.nextVersion, 11);
      assert.equal(await store.countPolicyVersions(a), 3);
      await assert.rejects(
        store.transaction((tx) => tx.insertPolicy({ ...policy(a, 'POL'), policyId: 'ANPAOTHER' })),
        (e: unknown) => isIamError(e) && e.code === 'EntityAlreadyExists',
      );
      await store.transaction((tx) => tx.deletePolicyVersion(p.policyId, 'v1'));
      assert.equal((await store.listPolicyVersions(p.policyId)).length, 2);
      await store.transaction((tx) => tx.deletePolicy(p.policyId));
      assert.equal(await store.getPolicyByName(a, 'Pol'), undefined);
      assert.equal(await store.countPolicyVersions(a), 0);
    });

    test('attachments, inline policies and entity tags by holder; counts per policy', async () => {
      const a = await account();
      await store.transaction(async (tx) => {
        await tx.insertRole(role(a, 'r'));
        const roleId = `AROA${a}R`;
        for (const [ref, name] of [
          ['aws:/ReadOnlyAccess', 'ReadOnlyAccess'],
          ['ANPAX', 'Alpha'],
        ] as const) {
          await tx.insertAttachment({
            accountId: a,
            holderType: 'role',
            holderId: roleId,
            policyRef: ref,
            policyName: name,
            policyPath: '/',
            attachDate: T0,
          });
        }
        await tx.putInlinePolicy({
          accountId: a,
          holderType: 'role',
          holderId: roleId,
          policyName: 'B',
          document: '1',
        });
        await tx.putInlinePolicy({
          accountId: a,
          holderType: 'role',
          holderId: roleId,
          policyName: 'a',
          document: '2',
        });
        await tx.putInlinePolicy({
          accountId: a,
          holderType: 'role',
          holderId: roleId,
          policyName: 'b',
          document: '3',
        });
        await tx.setEntityTags(roleId, [
          { key: 'k2', value: 'v' },
          { key: 'k1', value: 'w' },
        ]);
      });
      const roleId = `AROA${a}R`;
      assert.deepEqual(
        (await store.listAttachmentsOf(roleId)).map((x) => x.policyName),
        ['Alpha', 'ReadOnlyAccess'],
      );
      assert.deepEqual(
        (await store.listAttachmentsTo(a, 'ANPAX')).map((x) => x.holderType),
        ['role'],
      );
      assert.deepEqual(
        await store.countAttachments(a),
        new Map([
          ['aws:/ReadOnlyAccess', 1],
          ['ANPAX', 1],
        ]),
      );
      assert.deepEqual(
        (await store.listInlinePolicies(roleId)).map((p) => [p.policyName, p.document]),
        [
          ['a', '2'],
          ['b', '3'],
        ],
      );
      assert.deepEqual(await store.listEntityTags(roleId), [
        { key: 'k2', value: 'v' },
        { key: 'k1', value: 'w' },
      ]);
      await assert.rejects(
        store.transaction((tx) =>
          tx.insertAttachment({
            accountId: a,
            holderType: 'role',
            holderId: roleId,
            policyRef: 'ANPAX',
            policyName: 'Alpha',
            policyPath: '/',
            attachDate: T0,
          }),
        ),
        (e: unknown) => isIamError(e) && e.code === 'EntityAlreadyExists',
      );
      await store.transaction(async (tx) => {
        await tx.deleteAttachment(roleId, 'ANPAX');
        await tx.deleteInlinePolicy(roleId, 'A');
      });
      assert.equal((await store.listAttachmentsOf(roleId)).length, 1);
      assert.deepEqual(
        (await store.listInlinePolicies(roleId)).map((p) => p.policyName),
        ['b'],
      );
    });

    test('instance profiles hold at most one role row and list for their role', async () => {
      const a = await account();
      await store.transaction(async (tx) => {
        await tx.insertRole(role(a, 'r'));
        await tx.insertInstanceProfile({
          accountId: a,
          instanceProfileId: `AIPA${a}`,
          instanceProfileName: 'Ip',
          path: '/',
          partition: 'aws',
          createDate: T0,
        });
        await tx.setInstanceProfileRole(`AIPA${a}`, `AROA${a}R`, T0);
      });
      assert.equal(await store.getInstanceProfileRoleId(`AIPA${a}`), `AROA${a}R`);
      assert.deepEqual(
        (await store.listInstanceProfilesForRole(`AROA${a}R`)).map((p) => p.instanceProfileName),
        ['Ip'],
      );
      assert.equal((await store.getInstanceProfileByName(a, 'ip'))?.instanceProfileId, `AIPA${a}`);
      assert.equal(await store.countInstanceProfiles(a), 1);
      await store.transaction((tx) => tx.setInstanceProfileRole(`AIPA${a}`, null, T0));
      assert.equal(await store.getInstanceProfileRoleId(`AIPA${a}`), undefined);
      await store.transaction((tx) => tx.deleteInstanceProfile(`AIPA${a}`));
      assert.deepEqual(await store.listInstanceProfiles(a, { limit: 5 }), []);
    });

    test('a failed transaction leaves no policy rows behind', async () => {
      const a = await account();
      await assert.rejects(
        store.transaction(async (tx) => {
          await tx.insertPolicy(policy(a, 'Gone'));
          throw new Error('boom');
        }),
        /boom/,
      );
      assert.equal(await store.getPolicyByName(a, 'Gone'), undefined);
    });
  });
}
