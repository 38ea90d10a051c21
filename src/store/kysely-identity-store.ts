import { type Kysely, sql } from 'kysely';
import type { IdentityStore, IdentityWriter } from '../identity/index.ts';
import type { AccountGeneration } from './generation-watcher.ts';
import { KyselyOidcReader } from './kysely-oidc-reader.ts';
import { KyselyWriter } from './kysely-writer.ts';
import type { Database, StoreKind } from './schema.ts';

/** What openStore returns: the port plus lifecycle. */
export type OpenedStore = IdentityStore & {
  readonly kind: StoreKind;
  close(): Promise<void>;
  /** Deletes every row (the schema stays). */
  reset(): Promise<void>;
  /** Every account's generation (the generation watcher's one query per poll). */
  readGenerations(): Promise<AccountGeneration[]>;
  /** Called after each commit with the generation this process gave an account (own writes need no poll). */
  onOwnCommit(listener: (accountId: string, generation: number) => void): void;
};

/** The port over a migrated Kysely database, the same code for both dialects. */
export class KyselyIdentityStore extends KyselyOidcReader implements OpenedStore {
  readonly kind: StoreKind;
  readonly #db: Kysely<Database>;
  #ownCommit: ((accountId: string, generation: number) => void) | undefined;
  constructor(db: Kysely<Database>, kind: StoreKind) {
    super(db);
    this.#db = db;
    this.kind = kind;
  }

  async transaction<T>(work: (tx: IdentityWriter) => Promise<T>): Promise<T> {
    let writer: KyselyWriter | undefined;
    const result = await this.#transaction((db) => work((writer = new KyselyWriter(db))));
    if (this.#ownCommit && writer) for (const [a, g] of writer.bumped) this.#ownCommit(a, g);
    return result;
  }

  #transaction<T>(work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
    if (this.kind === 'postgres') return this.#db.transaction().execute(work);
    // SQLite: BEGIN IMMEDIATE takes the write lock up front (waiting up to busy_timeout), so a transaction that
    // reads before it writes cannot fail with SQLITE_BUSY when another process (the CLI) wrote in between.
    return this.#db.connection().execute(async (conn) => {
      await sql`begin immediate`.execute(conn);
      try {
        const result = await work(conn);
        await sql`commit`.execute(conn);
        return result;
      } catch (e) {
        await sql`rollback`.execute(conn);
        throw e;
      }
    });
  }

  async recordAccessKeyUse(accessKeyId: string, use: { at: Date; service: string; region: string }): Promise<void> {
    await this.#db
      .updateTable('access_keys')
      .set({ last_used_at: use.at.toISOString(), last_used_service: use.service, last_used_region: use.region })
      .where('id', '=', accessKeyId)
      .execute();
  }

  async recordRoleUse(roleId: string, use: { at: Date; region: string }): Promise<void> {
    await this.#db
      .updateTable('roles')
      .set({ last_used_at: use.at.toISOString(), last_used_region: use.region })
      .where('id', '=', roleId)
      .execute();
  }

  async readGenerations(): Promise<AccountGeneration[]> {
    const rows = await this.#db.selectFrom('accounts').select(['id', 'generation']).execute();
    return rows.map((r) => ({ accountId: r.id, generation: Number(r.generation) }));
  }

  onOwnCommit(listener: (accountId: string, generation: number) => void): void {
    this.#ownCommit = listener;
  }

  async reset(): Promise<void> {
    await this.transaction((tx) => tx.deleteEverything());
  }

  async close(): Promise<void> {
    await this.#db.destroy();
  }
}
