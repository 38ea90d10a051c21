import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { runIdentityStoreContract } from '../../identity/identity-store.contract.ts';
import { runPolicyStoreContract } from '../../identity/policy-store.contract.ts';
import { runSecurityStoreContract } from '../../identity/security-store.contract.ts';
import { openStore } from '../open-store.ts';

const base = process.env.IAMD_TEST_POSTGRES_URL;

if (!base) {
  test.skip('PostgreSQL store contract: skipped because IAMD_TEST_POSTGRES_URL is not set');
} else {
  const url = new URL(base);
  // These tests create and drop databases: never anywhere but this machine.
  if (url.hostname !== '127.0.0.1') throw new Error('IAMD_TEST_POSTGRES_URL must point at 127.0.0.1');
  const databases: string[] = [];
  const admin = () => new pg.Client({ connectionString: base });

  /** A fresh database with a random name for one store; dropped at the end of the file. */
  async function freshDatabaseUrl(): Promise<string> {
    const name = `iamd_test_${randomBytes(6).toString('hex')}`;
    const client = admin();
    await client.connect();
    try {
      await client.query(`CREATE DATABASE ${name}`);
    } finally {
      await client.end();
    }
    databases.push(name);
    const u = new URL(base as string);
    u.pathname = `/${name}`;
    return u.toString();
  }

  after(async () => {
    const client = admin();
    await client.connect();
    try {
      for (const name of databases) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } finally {
      await client.end();
    }
  });

  runIdentityStoreContract('postgres', async () => openStore({ databaseUrl: await freshDatabaseUrl() }));
  runPolicyStoreContract('postgres', async () => openStore({ databaseUrl: await freshDatabaseUrl() }));
  runSecurityStoreContract('postgres', async () => openStore({ databaseUrl: await freshDatabaseUrl() }));

  describe('PostgreSQL specifics', () => {
    let databaseUrl: string;
    before(async () => {
      databaseUrl = await freshDatabaseUrl();
    });

    test('opening twice migrates once and keeps the data; kind is postgres', async () => {
      const first = await openStore({ databaseUrl });
      assert.equal(first.kind, 'postgres');
      await first.transaction((tx) =>
        tx.insertAccount({ accountId: '444455556666', alias: null, partition: 'aws', createDate: new Date() }),
      );
      await first.close();
      const second = await openStore({ databaseUrl: databaseUrl.replace(/^postgres:/, 'postgresql:') });
      assert.equal((await second.getAccount('444455556666'))?.accountId, '444455556666');
      await second.close();
    });
  });
}
