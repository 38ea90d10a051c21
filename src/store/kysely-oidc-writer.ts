import type { OidcProviderRecord, OidcProviderWriter } from '../identity/index.ts';
import { KyselySecurityWriter } from './kysely-security-writer.ts';
import type { OidcProvidersTable } from './schema.ts';
import { unique } from './unique-violation.ts';

/** Writes of OIDC providers (inside a transaction). */
export class KyselyOidcWriter extends KyselySecurityWriter implements OidcProviderWriter {
  async insertOidcProvider(p: OidcProviderRecord, duplicateMessage: string): Promise<void> {
    await unique(
      this.db
        .insertInto('oidc_providers')
        .values({
          id: p.providerId,
          account_id: p.accountId,
          url: p.url,
          client_ids: JSON.stringify(p.clientIds),
          thumbprints: JSON.stringify(p.thumbprints),
          created_at: p.createDate.toISOString(),
        })
        .execute(),
      duplicateMessage,
    );
  }

  async updateOidcProvider(providerId: string, change: { clientIds?: string[]; thumbprints?: string[] }): Promise<void> {
    const set: Partial<OidcProvidersTable> = {};
    if (change.clientIds !== undefined) set.client_ids = JSON.stringify(change.clientIds);
    if (change.thumbprints !== undefined) set.thumbprints = JSON.stringify(change.thumbprints);
    if (Object.keys(set).length === 0) return;
    await this.db.updateTable('oidc_providers').set(set).where('id', '=', providerId).execute();
  }

  async deleteOidcProvider(providerId: string): Promise<void> {
    await this.db.deleteFrom('oidc_providers').where('id', '=', providerId).execute();
  }
}
