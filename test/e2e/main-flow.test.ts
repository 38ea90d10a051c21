import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import pg from 'pg';
import { startTestServer } from './harness.ts';
import { runMainFlow } from './main-flow.ts';

describe('the main flow (user, keys, group, call as the user, clean up)', () => {
  test('on SQLite', async () => {
    const t = await startTestServer();
    try {
      await runMainFlow(t);
    } finally {
      await t.close();
    }
  });

  const adminUrl = process.env['IAMD_TEST_POSTGRES_URL'];
  const skip = adminUrl ? false : 'IAMD_TEST_POSTGRES_URL is not set: the PostgreSQL run is skipped';
  test('on PostgreSQL, in a database of its own that is dropped after', { skip }, async () => {
    const url = new URL(adminUrl!);
    if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost')
      throw new Error('tests use a local PostgreSQL only');
    const name = `iamd_e2e_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${name}`);
      url.pathname = `/${name}`;
      const t = await startTestServer({ databaseUrl: url.toString() });
      try {
        await runMainFlow(t);
      } finally {
        await t.close();
      }
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
});
