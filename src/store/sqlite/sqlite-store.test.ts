import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runIdentityStoreContract } from '../../identity/identity-store.contract.ts';
import { runPolicyStoreContract } from '../../identity/policy-store.contract.ts';
import { runSecurityStoreContract } from '../../identity/security-store.contract.ts';
import { openStore } from '../open-store.ts';

runIdentityStoreContract('sqlite :memory:', () => openStore({ filename: ':memory:' }));
runPolicyStoreContract('sqlite :memory:', () => openStore({ filename: ':memory:' }));
runSecurityStoreContract('sqlite :memory:', () => openStore({ filename: ':memory:' }));

test('a SQLite data directory gets iamd.sqlite in WAL mode, and data survives a reopen', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'iamd-sqlite-'));
  try {
    const first = await openStore({ dataDir: join(dir, 'data') });
    assert.equal(first.kind, 'sqlite');
    await first.transaction((tx) =>
      tx.insertAccount({ accountId: '111122223333', alias: null, partition: 'aws', createDate: new Date() }),
    );
    await first.close();
    const second = await openStore({ dataDir: join(dir, 'data') });
    assert.equal((await second.getAccount('111122223333'))?.accountId, '111122223333');
    await second.reset();
    assert.deepEqual(await second.listAccounts(), []);
    await second.close();
    const BetterSqlite3 = (await import('better-sqlite3')).default;
    const raw = new BetterSqlite3(join(dir, 'data', 'iamd.sqlite'), { readonly: true });
    assert.equal(raw.pragma('journal_mode', { simple: true }), 'wal');
    raw.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a database URL that is not PostgreSQL is refused', async () => {
  await assert.rejects(openStore({ databaseUrl: 'mysql://x' }), /postgres:\/\//);
});

test("two connections to one SQLite file (as a CLI beside the server) see each other's writes", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'iamd-sqlite-'));
  try {
    const server = await openStore({ dataDir: dir });
    const cli = await openStore({ dataDir: dir });
    await cli.transaction((tx) =>
      tx.insertAccount({ accountId: '999988887777', alias: 'from-cli', partition: 'aws', createDate: new Date() }),
    );
    assert.equal((await server.findAccountByAlias('from-cli'))?.accountId, '999988887777');
    await server.transaction((tx) => tx.setAccountAlias('999988887777', 'from-server'));
    assert.equal((await cli.getAccount('999988887777'))?.alias, 'from-server');
    await cli.close();
    await server.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
