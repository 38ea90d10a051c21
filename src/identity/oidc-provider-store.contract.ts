/** The OIDC-provider part of the store contract (run by runIdentityStoreContract on every adapter). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isIamError } from '../shared/index.ts';
import type { IdentityStore, OidcProviderRecord } from './identity-store.ts';

const T0 = new Date('2026-11-22T12:00:00.000Z');

/** Provider rows: insert, unique url per account, update lists, tags by provider id, delete, account isolation. */
export function runOidcProviderContract(store: () => IdentityStore, account: () => Promise<string>): void {
  const provider = (accountId: string, url: string, n: number): OidcProviderRecord => ({
    providerId: `oidc${accountId}${n}`,
    accountId,
    url,
    clientIds: ['sts.amazonaws.com'],
    thumbprints: [],
    createDate: T0,
  });

  test('OIDC providers: insert, get by url, list sorted, update, delete', async () => {
    const a = await account();
    const b = await account();
    const s = store();
    await s.transaction(async (tx) => {
      await tx.insertOidcProvider(provider(a, 'z.example.com/path', 1), 'dup');
      await tx.insertOidcProvider(provider(a, 'a.example.com', 2), 'dup');
      await tx.insertOidcProvider(provider(b, 'a.example.com', 3), 'dup');
    });
    assert.deepEqual(await s.getOidcProvider(a, 'z.example.com/path'), provider(a, 'z.example.com/path', 1));
    assert.equal(await s.getOidcProvider(a, 'z.example.com'), undefined);
    assert.deepEqual(
      (await s.listOidcProviders(a)).map((p) => p.url),
      ['a.example.com', 'z.example.com/path'],
    );
    await s.transaction((tx) => tx.updateOidcProvider(`oidc${a}2`, { clientIds: ['x', 'y'], thumbprints: ['f'.repeat(40)] }));
    const updated = await s.getOidcProvider(a, 'a.example.com');
    assert.deepEqual(updated?.clientIds, ['x', 'y']);
    assert.deepEqual(updated?.thumbprints, ['f'.repeat(40)]);
    assert.deepEqual((await s.getOidcProvider(b, 'a.example.com'))?.clientIds, ['sts.amazonaws.com']);
    await s.transaction(async (tx) => {
      await tx.setEntityTags(`oidc${a}2`, [{ key: 'k', value: 'v' }], a);
      await tx.deleteOidcProvider(`oidc${a}2`);
      await tx.setEntityTags(`oidc${a}2`, [], a);
    });
    assert.equal(await s.getOidcProvider(a, 'a.example.com'), undefined);
    assert.deepEqual(await s.listEntityTags(`oidc${a}2`), []);
  });

  test('OIDC providers: the same url twice in an account is EntityAlreadyExists and rolls back', async () => {
    const a = await account();
    const s = store();
    await s.transaction((tx) => tx.insertOidcProvider(provider(a, 'dup.example.com', 1), 'first'));
    await assert.rejects(
      s.transaction(async (tx) => {
        await tx.insertOidcProvider(provider(a, 'other.example.com', 2), 'x');
        await tx.insertOidcProvider(provider(a, 'dup.example.com', 3), 'Provider with url https://dup.example.com already exists.');
      }),
      (e) => isIamError(e) && e.code === 'EntityAlreadyExists' && e.message.includes('dup.example.com'),
    );
    assert.deepEqual(
      (await s.listOidcProviders(a)).map((p) => p.url),
      ['dup.example.com'],
    );
  });
}
