import type { OidcProviderReader, OidcProviderRecord } from '../identity/index.ts';
import { KyselySecurityReader } from './kysely-security-reader.ts';
import type { OidcProvidersTable } from './schema.ts';

/** A row as a domain record. */
export function toOidcProvider(r: OidcProvidersTable): OidcProviderRecord {
  return {
    providerId: r.id,
    accountId: r.account_id,
    url: r.url,
    clientIds: JSON.parse(r.client_ids) as string[],
    thumbprints: JSON.parse(r.thumbprints) as string[],
    createDate: new Date(r.created_at),
  };
}

/** Reads of OIDC providers (issue 5), layered on the security reader. */
export class KyselyOidcReader extends KyselySecurityReader implements OidcProviderReader {
  async getOidcProvider(accountId: string, url: string): Promise<OidcProviderRecord | undefined> {
    const row = await this.db
      .selectFrom('oidc_providers')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('url', '=', url)
      .executeTakeFirst();
    return row ? toOidcProvider(row) : undefined;
  }

  async listOidcProviders(accountId: string): Promise<OidcProviderRecord[]> {
    const rows = await this.db
      .selectFrom('oidc_providers')
      .selectAll()
      .where('account_id', '=', accountId)
      .orderBy('url')
      .execute();
    return rows.map(toOidcProvider);
  }
}
