import type { Database as BetterSqlite3Database, Statement } from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

/** Cached results kept per query before that query's cache starts over. */
const MAX_CACHED_PER_QUERY = 4096;

type Cached = { readonly rows: readonly unknown[]; readonly writes: number; readonly dataVersion: number };

/**
 * One query's cached results, by its parameters: a map per parameter position, so parameters are compared as
 * values (no key string that two different parameter lists could share).
 */
class ResultCache {
  #root = new Map<unknown, unknown>();
  #size = 0;

  get(parameters: readonly unknown[]): Cached | undefined {
    let node: unknown = this.#root.get(parameters.length);
    for (const p of parameters) {
      if (node === undefined) return undefined;
      node = (node as Map<unknown, unknown>).get(p);
    }
    return node as Cached | undefined;
  }

  set(parameters: readonly unknown[], entry: Cached): void {
    if (this.#size >= MAX_CACHED_PER_QUERY) {
      this.#root = new Map();
      this.#size = 0;
    }
    // The first level is the parameter count, so every list, even the empty one, ends in a map entry.
    const path = [parameters.length, ...parameters];
    let node = this.#root;
    for (let i = 0; i < path.length - 1; i++) {
      let next = node.get(path[i]) as Map<unknown, unknown> | undefined;
      if (next === undefined) node.set(path[i], (next = new Map()));
      node = next;
    }
    if (!node.has(path[path.length - 1])) this.#size++;
    node.set(path[path.length - 1], entry);
  }
}

/**
 * Hot reads run synchronously on the SQLite connection instead of through Kysely's executor, whose connection mutex
 * and promise chain cost more than a small indexed read; opted-in queries also keep their results until the data
 * changes.
 *
 * Direct reads are exact because better-sqlite3 is synchronous: outside a transaction nothing is half-done on the
 * connection, so a read sees the committed state Kysely's path would see. While a transaction is open on the
 * connection (`inTransaction`) a direct read would see its uncommitted rows, so it declines and the caller takes
 * Kysely's path, which waits for the transaction to end.
 *
 * Cached results are exact too: an entry is served only while (1) no write statement was prepared on this
 * connection since it was read (every write, begin and commit Kysely runs goes through `database.prepare`, counted
 * before it runs) and (2) `PRAGMA data_version` is unchanged, which SQLite bumps whenever another connection (the
 * CLI, another process) commits. The version is read before the query, so a commit racing the fill only causes a miss.
 */
export class DirectReads {
  readonly #sqlite: BetterSqlite3Database;
  readonly #inner: SqliteDatabase;
  readonly #dataVersion: Statement<[], number>;
  readonly #cache = new Map<string, ResultCache>();
  #writes = 0;

  /** The database Kysely's dialect must use (it counts writes); `inner` prepares statements (reusingStatements). */
  readonly database: SqliteDatabase;

  constructor(sqlite: BetterSqlite3Database, inner: SqliteDatabase) {
    this.#sqlite = sqlite;
    this.#inner = inner;
    this.#dataVersion = sqlite.prepare<[], number>('PRAGMA data_version').pluck();
    this.database = {
      close: () => {
        this.#cache.clear();
        inner.close();
      },
      prepare: (sql: string) => {
        const statement = inner.prepare(sql);
        if (!statement.reader) this.#writes++;
        return statement;
      },
    };
  }

  /** Lets the hot reads of `db` (the Kysely instance over `database`, without plugins) run directly. */
  attach(db: object): void {
    readers.set(db, this);
  }

  /** The rows of a read run on the connection now (served from the cache when `cacheable`), or undefined. */
  read(sql: string, parameters: readonly unknown[], cacheable: boolean): readonly unknown[] | undefined {
    if (this.#sqlite.inTransaction || !this.#sqlite.open) return undefined;
    if (!cacheable) return this.#run(sql, parameters);
    const dataVersion = this.#dataVersion.get()!;
    let entries = this.#cache.get(sql);
    const hit = entries?.get(parameters);
    if (hit !== undefined && hit.writes === this.#writes && hit.dataVersion === dataVersion) return hit.rows;
    const writes = this.#writes;
    const rows = this.#run(sql, parameters);
    if (rows === undefined) return undefined;
    for (const row of rows) Object.freeze(row);
    Object.freeze(rows);
    if (entries === undefined) this.#cache.set(sql, (entries = new ResultCache()));
    entries.set(parameters, { rows, writes, dataVersion });
    return rows;
  }

  #run(sql: string, parameters: readonly unknown[]): unknown[] | undefined {
    const statement = this.#inner.prepare(sql);
    return statement.reader ? statement.all(parameters) : undefined;
  }
}

const readers = new WeakMap<object, DirectReads>();

/**
 * The rows of a read run directly on the SQLite connection behind `db` (see DirectReads), or undefined: use Kysely's
 * path then. Cached rows are frozen and shared: callers only read them.
 */
export function directRead(
  db: object,
  sql: string,
  parameters: readonly unknown[],
  cacheable = false,
): readonly unknown[] | undefined {
  return readers.get(db)?.read(sql, parameters, cacheable);
}
