import assert from 'node:assert/strict';
import { test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { reusingStatements } from './reusing-statements.ts';

function database() {
  const sqlite = new BetterSqlite3(':memory:');
  sqlite.exec('create table t (k text primary key, v text); insert into t values (\'a\', \'1\'), (\'b\', \'2\')');
  return sqlite;
}

test('the same SQL gets the same prepared statement, run with each call\'s parameters', () => {
  const db = reusingStatements(database());
  const first = db.prepare('select v from t where k = ?');
  const second = db.prepare('select v from t where k = ?');
  assert.equal(second, first);
  assert.deepEqual(first.all(['a']), [{ v: '1' }]);
  assert.deepEqual(second.all(['b']), [{ v: '2' }]);
  db.close();
});

test('at most max statements are kept, the least recently used dropped first', () => {
  const db = reusingStatements(database(), 2);
  const a = db.prepare('select 1');
  const b = db.prepare('select 2');
  assert.equal(db.prepare('select 1'), a); // now the most recent
  db.prepare('select 3'); // drops `select 2`
  assert.equal(db.prepare('select 1'), a);
  assert.notEqual(db.prepare('select 2'), b);
  db.close();
});

test('a statement busy with a streamed read is not handed out again: a fresh one is', () => {
  const db = reusingStatements(database());
  const reading = db.prepare('select v from t order by k');
  const rows = reading.iterate([]);
  assert.deepEqual(rows.next().value, { v: '1' });
  const other = db.prepare('select v from t order by k');
  assert.notEqual(other, reading);
  assert.deepEqual(other.all([]), [{ v: '1' }, { v: '2' }]);
  assert.deepEqual(rows.next().value, { v: '2' });
  rows.return?.();
  assert.equal(db.prepare('select v from t order by k'), reading);
  db.close();
});

test('writes through a reused statement run every time', () => {
  const sqlite = database();
  const db = reusingStatements(sqlite);
  for (const [k, v] of [['c', '3'], ['d', '4']]) db.prepare('insert into t values (?, ?)').run([k, v]);
  assert.equal((sqlite.prepare('select count(*) as n from t').get() as { n: number }).n, 4);
  db.close();
  assert.equal(sqlite.open, false);
});
