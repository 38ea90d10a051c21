/** The root-login part of the store contract (run by runIdentityStoreContract on every adapter). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isIamError } from '../shared/index.ts';
import type { IdentityStore, RootLoginRecord } from './identity-store.ts';

const T0 = new Date('2026-11-22T12:00:00.000Z');
const T1 = new Date('2026-11-23T08:30:00.000Z');

/** Root logins: put (insert then replace), lookup by e-mail across accounts case-insensitively, unique e-mail, last use. */
export function runRootLoginContract(store: () => IdentityStore, account: () => Promise<string>): void {
  const login = (accountId: string, email: string, extra: Partial<RootLoginRecord> = {}): RootLoginRecord => ({
    accountId,
    email,
    passwordHash: null,
    passwordChangedAt: null,
    passwordLastUsed: null,
    ...extra,
  });

  test('root logins: put, replace, find by e-mail in any case, record the last use', async () => {
    const a = await account();
    const s = store();
    const email = `Root.${a}@Example.com`;
    assert.equal(await s.getRootLogin(a), undefined);
    await s.transaction((tx) => tx.putRootLogin(login(a, email)));
    assert.deepEqual(await s.getRootLogin(a), login(a, email));
    await s.transaction((tx) => tx.putRootLogin(login(a, email, { passwordHash: '$argon2id$x', passwordChangedAt: T0 })));
    assert.deepEqual(await s.findRootLoginByEmail(email.toUpperCase()), login(a, email, { passwordHash: '$argon2id$x', passwordChangedAt: T0 }));
    await s.transaction((tx) => tx.recordRootPasswordUse(a, T1));
    assert.equal((await s.getRootLogin(a))?.passwordLastUsed?.toISOString(), T1.toISOString());
    assert.equal(await s.findRootLoginByEmail(`other.${a}@example.com`), undefined);
  });

  test('root logins: an e-mail held by another account is EntityAlreadyExists and rolls back', async () => {
    const a = await account();
    const b = await account();
    const s = store();
    await s.transaction((tx) => tx.putRootLogin(login(a, `shared.${a}@example.com`)));
    await assert.rejects(
      s.transaction(async (tx) => {
        await tx.putRootLogin(login(b, `own.${b}@example.com`));
        await tx.putRootLogin(login(b, `SHARED.${a}@example.com`));
      }),
      (e) => isIamError(e) && e.code === 'EntityAlreadyExists',
    );
    assert.equal(await s.getRootLogin(b), undefined);
    assert.equal((await s.findRootLoginByEmail(`shared.${a}@example.com`))?.accountId, a);
  });
}
