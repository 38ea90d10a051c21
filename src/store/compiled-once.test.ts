import assert from 'node:assert/strict';
import { test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { CompiledOnce } from './compiled-once.ts';

type DB = { t: { k: string; g: string; v: string } };

function database(): Kysely<DB> {
  const sqlite = new BetterSqlite3(':memory:');
  sqlite.exec("create table t (k text, g text, v text); insert into t values ('a', 'x', '1'), ('b', 'x', '2')");
  return new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
}

test('a compiled-once query runs with each call\'s arguments', async () => {
  const db = database();
  const q = new CompiledOnce((d: Kysely<DB>, slot) => d.selectFrom('t').select('v').where('k', '=', slot(0)));
  assert.deepEqual(await q.first(db, ['a']), { v: '1' });
  assert.deepEqual(await q.first(db, ['b']), { v: '2' });
  assert.equal(await q.first(db, ['c']), undefined);
  await db.destroy();
});

test('arguments land in their slots whatever order the SQL uses them in', async () => {
  const db = database();
  const q = new CompiledOnce((d: Kysely<DB>, slot) =>
    d.selectFrom('t').select('v').where('g', '=', slot(1)).where('k', '=', slot(0)),
  );
  assert.deepEqual(await q.first(db, ['b', 'x']), { v: '2' });
  assert.equal(await q.first(db, ['x', 'b']), undefined);
  await db.destroy();
});

test('a literal value in the query is refused at first use', async () => {
  const db = database();
  const q = new CompiledOnce((d: Kysely<DB>, slot) =>
    d.selectFrom('t').select('v').where('k', '=', slot(0)).where('g', '=', 'x'),
  );
  await assert.rejects(q.first(db, ['a']), /literal parameter/);
  await db.destroy();
});

test('each database object gets its own compiled query, inside a transaction too', async () => {
  const [one, two] = [database(), database()];
  const q = new CompiledOnce((d: Kysely<DB>, slot) => d.selectFrom('t').select('v').where('k', '=', slot(0)));
  await two.insertInto('t').values({ k: 'c', g: 'y', v: '3' }).execute();
  assert.equal(await q.first(one, ['c']), undefined);
  assert.deepEqual(await q.first(two, ['c']), { v: '3' });
  assert.deepEqual(await two.transaction().execute((tx) => q.first(tx, ['a'])), { v: '1' });
  await one.destroy();
  await two.destroy();
});
