/** The store port for IAM OpenID Connect providers (issue 5). Tags live in the entity tags under `providerId`. */

/**
 * One provider. `url` is the issuer without `https://` (host and optional path), exactly as the ARN ends:
 * `arn:P:iam::A:oidc-provider/{url}`; unique per account.
 */
export type OidcProviderRecord = {
  providerId: string;
  accountId: string;
  url: string;
  /** Audiences (client ids), in the order added. */
  clientIds: string[];
  /** Lower-case hex SHA-1 thumbprints of the issuer's certificate; may be empty (AWS no longer requires them). */
  thumbprints: string[];
  createDate: Date;
};

/** Reads of OIDC providers. */
export interface OidcProviderReader {
  /** The provider of an account by its url (host[/path], compared exactly). */
  getOidcProvider(accountId: string, url: string): Promise<OidcProviderRecord | undefined>;
  /** Every provider of an account, sorted by url. */
  listOidcProviders(accountId: string): Promise<OidcProviderRecord[]>;
}

/** Writes of OIDC providers (inside a transaction). */
export interface OidcProviderWriter extends OidcProviderReader {
  /** Inserts; the same url twice in an account throws EntityAlreadyExists with `duplicateMessage`. */
  insertOidcProvider(provider: OidcProviderRecord, duplicateMessage: string): Promise<void>;
  updateOidcProvider(providerId: string, change: { clientIds?: string[]; thumbprints?: string[] }): Promise<void>;
  deleteOidcProvider(providerId: string): Promise<void>;
}
