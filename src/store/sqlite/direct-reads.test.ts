import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import type { UserRecord } from '../../identity/index.ts';
import { openStore } from '../open-store.ts';
import { DirectReads, directRead } from './direct-reads.ts';
import { reusingStatements } from './reusing-statements.ts';

const ACCOUNT = { accountId: '111122223333', alias: null, partition: 'aws', createDate: new Date() };

function user(userName: string, userId: string): UserRecord {
  const base = { accountId: ACCOUNT.accountId, path: '/', partition: 'aws', createDate: new Date() };
  return { ...base, userId, userName, permissionsBoundaryArn: null, passwordLastUsed: null };
}

function table() {
  const sqlite = new BetterSqlite3(':memory:');
  sqlite.exec("create table t (k text primary key, v text); insert into t values ('a', '1')");
  const reads = new DirectReads(sqlite, reusingStatements(sqlite));
  const db = new Kysely<{ t: { k: string; v: string } }>({ dialect: new SqliteDialect({ database: reads.database }) });
  reads.attach(db);
  return { sqlite, db };
}

const SELECT = 'select v from t where k = ?';

test('a direct read returns the committed rows; a write, an unattached database or an open transaction declines', () => {
  const { sqlite, db } = table();
  assert.deepEqual(directRead(db, SELECT, ['a']), [{ v: '1' }]);
  assert.equal(directRead(db, "update t set v = '2'", []), undefined);
  assert.equal(directRead({}, SELECT, ['a']), undefined);
  sqlite.exec('begin');
  assert.equal(directRead(db, SELECT, ['a']), undefined, 'declines inside a transaction');
  sqlite.exec('commit');
  sqlite.close();
  assert.equal(directRead(db, SELECT, ['a']), undefined, 'declines once closed');
});

test('a cached read is served until a write through Kysely, and its rows are frozen', async () => {
  const { sqlite, db } = table();
  const first = directRead(db, SELECT, ['a'], true);
  assert.deepEqual(first, [{ v: '1' }]);
  assert.equal(directRead(db, SELECT, ['a'], true), first, 'served from memory');
  assert.ok(Object.isFrozen(first) && Object.isFrozen(first![0]));
  await db.updateTable('t').set({ v: '2' }).where('k', '=', 'a').execute();
  assert.deepEqual(directRead(db, SELECT, ['a'], true), [{ v: '2' }]);
  await sql`update t set v = '3'`.execute(db);
  assert.deepEqual(directRead(db, SELECT, ['a'], true), [{ v: '3' }]);
  sqlite.close();
});

test('cached reads with different parameter lists never share an entry, even when their values join alike', () => {
  const { sqlite, db } = table();
  sqlite.exec("insert into t values ('c', '3'), ('a' || char(0) || 'b', 'x')");
  const either = 'select v from t where k = ? or k = ? order by v';
  assert.deepEqual(directRead(db, either, ['a\u0000b', 'c'], true), [{ v: '3' }, { v: 'x' }]);
  assert.deepEqual(directRead(db, either, ['a', 'b\u0000c'], true), [{ v: '1' }]);
  assert.deepEqual(directRead(db, either, ['a\u0000b', 'c'], true), [{ v: '3' }, { v: 'x' }]);
  assert.deepEqual(directRead(db, 'select count(*) as n from t', [], true), [{ n: 3 }]);
  sqlite.close();
});

test("another connection's commit (the CLI beside the server) is seen at once by a cached read", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'iamd-direct-'));
  try {
    const server = await openStore({ dataDir: dir });
    const cli = await openStore({ dataDir: dir });
    await server.transaction(async (tx) => {
      await tx.insertAccount(ACCOUNT);
      await tx.insertUser(user('alice', 'AIDAEXAMPLEEXAMPLE01'));
    });
    assert.deepEqual((await server.getUserWithTags(ACCOUNT.accountId, 'alice'))?.tags, []);
    await cli.transaction((tx) => tx.setUserTags('AIDAEXAMPLEEXAMPLE01', [{ key: 'team', value: 'blue' }]));
    assert.deepEqual((await server.getUserWithTags(ACCOUNT.accountId, 'alice'))?.tags, [{ key: 'team', value: 'blue' }]);
    await cli.close();
    await server.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a hot read during an open transaction never sees its uncommitted rows', async () => {
  const store = await openStore({ filename: ':memory:' });
  try {
    await store.transaction((tx) => tx.insertAccount(ACCOUNT));
    let readDuring: Promise<unknown> | undefined;
    await assert.rejects(
      store.transaction(async (tx) => {
        await tx.insertUser(user('ghost', 'AIDAEXAMPLEEXAMPLE02'));
        readDuring = store.getUserWithTags(ACCOUNT.accountId, 'ghost');
        throw new Error('roll back');
      }),
      /roll back/,
    );
    assert.equal(await readDuring, undefined);
    assert.equal(await store.getUserWithTags(ACCOUNT.accountId, 'ghost'), undefined);
    await store.transaction((tx) => tx.insertUser(user('ghost', 'AIDAEXAMPLEEXAMPLE02')));
    assert.equal((await store.getUserWithTags(ACCOUNT.accountId, 'GHOST'))?.user.userName, 'ghost');
  } finally {
    await store.close();
  }
});
