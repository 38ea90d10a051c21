/**
 * The store contract for account-security items (issue 6), run on every adapter beside runIdentityStoreContract.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { isIamError } from '../shared/index.ts';
import type { IdentityStore, SecurityItemRecord } from './identity-store.ts';

type Closable = IdentityStore & { close(): Promise<void> };
const T0 = new Date('2026-11-22T12:00:00.000Z');
let seq = 0;

/** Runs the security-item part of the port contract against stores made by `makeStore`. */
export function runSecurityStoreContract(name: string, makeStore: () => Promise<Closable>): void {
  describe(`IdentityStore security contract: ${name}`, () => {
    let store: Closable;
    before(async () => {
      store = await makeStore();
    });
    after(async () => {
      await store.close();
    });

    async function accountWithUser(): Promise<{ accountId: string; userId: string }> {
      const accountId = String(300000000000 + Math.floor(Math.random() * 1e9) * 100 + (seq++ % 100));
      const userId = `AIDA${accountId}X`;
      await store.transaction(async (tx) => {
        await tx.insertAccount({ accountId, alias: null, partition: 'aws', createDate: T0 });
        await tx.insertUser({
          accountId,
          userId,
          userName: 'u',
          path: '/',
          partition: 'aws',
          createDate: T0,
          permissionsBoundaryArn: null,
          passwordLastUsed: null,
        });
      });
      return { accountId, userId };
    }
    const item = (accountId: string, itemId: string, extra: Partial<SecurityItemRecord> = {}): SecurityItemRecord => ({
      kind: 'mfa',
      itemId,
      accountId,
      userId: null,
      name: itemId.split('/').pop() as string,
      createDate: T0,
      body: '{"a":1}',
      ...extra,
    });

    test('insert, get, list sorted by lower-cased name, filter by user, update, delete', async () => {
      const { accountId, userId } = await accountWithUser();
      await store.transaction(async (tx) => {
        await tx.insertSecurityItem(item(accountId, `arn:aws:iam::${accountId}:mfa/b`), 'dup');
        await tx.insertSecurityItem(item(accountId, `arn:aws:iam::${accountId}:mfa/A`, { userId }), 'dup');
      });
      const got = await store.getSecurityItem('mfa', `arn:aws:iam::${accountId}:mfa/b`);
      assert.deepEqual(got, item(accountId, `arn:aws:iam::${accountId}:mfa/b`));
      assert.deepEqual((await store.listSecurityItems(accountId, 'mfa')).map((i) => i.name), ['A', 'b']);
      assert.deepEqual((await store.listSecurityItems(accountId, 'mfa', { userId })).map((i) => i.name), ['A']);
      assert.deepEqual(await store.listSecurityItems(accountId, 'ssh-key'), []);
      await store.transaction((tx) => tx.updateSecurityItem('mfa', `arn:aws:iam::${accountId}:mfa/b`, { userId, body: '{"b":2}' }));
      const updated = await store.getSecurityItem('mfa', `arn:aws:iam::${accountId}:mfa/b`);
      assert.equal(updated?.userId, userId);
      assert.equal(updated?.body, '{"b":2}');
      await store.transaction((tx) => tx.deleteSecurityItem('mfa', `arn:aws:iam::${accountId}:mfa/b`));
      assert.equal(await store.getSecurityItem('mfa', `arn:aws:iam::${accountId}:mfa/b`), undefined);
    });

    test('a name taken case-insensitively in the same kind is EntityAlreadyExists with the given message', async () => {
      const { accountId } = await accountWithUser();
      await store.transaction((tx) => tx.insertSecurityItem(item(accountId, `arn:aws:iam::${accountId}:mfa/dev`), 'dup'));
      await assert.rejects(
        store.transaction((tx) => tx.insertSecurityItem(item(accountId, `arn:aws:iam::${accountId}:mfa/x/DEV`, { name: 'DEV' }), 'taken')),
        (e: unknown) => isIamError(e) && e.code === 'EntityAlreadyExists' && e.message === 'taken',
      );
      await store.transaction((tx) => tx.insertSecurityItem(item(accountId, 'K1', { kind: 'ssh-key', name: 'dev' }), 'dup'));
    });

    test('deleting the owning user deletes its items; a failed transaction writes nothing', async () => {
      const { accountId, userId } = await accountWithUser();
      await assert.rejects(
        store.transaction(async (tx) => {
          await tx.insertSecurityItem(item(accountId, 'S1', { kind: 'ssh-key', userId }), 'dup');
          throw new Error('abort');
        }),
      );
      assert.equal(await store.getSecurityItem('ssh-key', 'S1'), undefined);
      await store.transaction((tx) => tx.insertSecurityItem(item(accountId, 'S1', { kind: 'ssh-key', userId }), 'dup'));
      await store.transaction((tx) => tx.deleteUser(userId));
      assert.equal(await store.getSecurityItem('ssh-key', 'S1'), undefined);
    });
  });
}
