import type { Compilable, CompiledQuery, Kysely, QueryResult } from 'kysely';
import { directRead } from './sqlite/direct-reads.ts';

/** Gives the placeholder value that stands for argument `i` while a query is compiled once. */
export type Slot = (i: number) => string;

const slot: Slot = (i) => `\u0000slot:${i}\u0000`;
const SLOT_PATTERN = /^\u0000slot:(\d+)\u0000$/;

type Compiled<Row> = { readonly query: CompiledQuery<Row>; readonly argIndex: readonly number[] };

/**
 * A query built and compiled once per database object, then run with fresh arguments: Kysely otherwise rebuilds
 * and recompiles its operation tree on every execution, which costs several times what a small indexed SQLite read
 * does. `build` writes `slot(i)` where argument i goes; every compiled parameter must be a slot (a literal would be
 * frozen into the compiled query: refused at first use). The compiled form is remembered per `db` (the SQL differs
 * between dialects), so the long-lived store compiles once and a transaction at most once. For hot reads only.
 */
export class CompiledOnce<DB, Row, Args extends readonly unknown[]> {
  readonly #build: (db: Kysely<DB>, slot: Slot) => Compilable<Row>;
  readonly #byDb = new WeakMap<Kysely<DB>, Compiled<Row>>();
  readonly #cached: boolean;

  /**
   * `cached`: on SQLite, results are kept until any write (see DirectReads); the rows are then frozen and shared, so
   * only for queries whose callers just read them.
   */
  constructor(build: (db: Kysely<DB>, slot: Slot) => Compilable<Row>, options: { cached?: boolean } = {}) {
    this.#build = build;
    this.#cached = options.cached === true;
  }

  /** Runs the query on `db` with `args` in the slots. */
  execute(db: Kysely<DB>, args: Args): Promise<QueryResult<Row>> {
    let compiled = this.#byDb.get(db);
    if (compiled === undefined) {
      compiled = this.#compile(db);
      this.#byDb.set(db, compiled);
    }
    const parameters = compiled.argIndex.map((i) => args[i]);
    // SQLite outside a transaction: straight to the connection (see DirectReads).
    const rows = directRead(db, compiled.query.sql, parameters, this.#cached);
    if (rows !== undefined) return Promise.resolve({ rows: rows as Row[] });
    return db.executeQuery({ ...compiled.query, parameters });
  }

  /** The first row, or undefined. */
  async first(db: Kysely<DB>, args: Args): Promise<Row | undefined> {
    return (await this.execute(db, args)).rows[0];
  }

  #compile(db: Kysely<DB>): Compiled<Row> {
    const query = this.#build(db, slot).compile();
    const argIndex = query.parameters.map((p) => {
      const m = typeof p === 'string' ? SLOT_PATTERN.exec(p) : null;
      if (m === null) throw new Error(`CompiledOnce: the query has a literal parameter: ${query.sql}`);
      return Number(m[1]);
    });
    return { query, argIndex };
  }
}
