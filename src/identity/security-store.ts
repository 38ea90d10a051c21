/**
 * The store port for account-security items (issue 6): MFA devices, SSH public keys, signing certificates,
 * service-specific credentials, the password policy, per-user password state and the credential report. One
 * table holds them all; each kind's fields travel as a JSON `body` owned by the service that writes the kind.
 */

/** What an item is; the services in this folder own each kind's body. */
export type SecurityItemKind =
  | 'mfa'
  | 'ssh-key'
  | 'signing-cert'
  | 'service-credential'
  | 'password-policy'
  | 'password-state'
  | 'credential-report';

/**
 * One item. `itemId` is unique per kind (serial number, key id, account id...); `name` unique per account and
 * kind case-insensitively; `userId` is the owning (or, for MFA, assigned) user: deleting the user deletes it.
 */
export type SecurityItemRecord = {
  kind: SecurityItemKind;
  itemId: string;
  accountId: string;
  userId: string | null;
  name: string;
  createDate: Date;
  /** JSON; secrets inside are sealed or hashed, never plain. */
  body: string;
};

/** Reads of security items. */
export interface SecurityReader {
  getSecurityItem(kind: SecurityItemKind, itemId: string): Promise<SecurityItemRecord | undefined>;
  /** Items of a kind in an account (only those of `userId` when given), sorted by lower-cased name. */
  listSecurityItems(
    accountId: string,
    kind: SecurityItemKind,
    filter?: { userId?: string },
  ): Promise<SecurityItemRecord[]>;
}

/** Writes of security items (inside a transaction). */
export interface SecurityWriter extends SecurityReader {
  /** Inserts; a duplicate id or name throws EntityAlreadyExists with `duplicateMessage`. */
  insertSecurityItem(item: SecurityItemRecord, duplicateMessage: string): Promise<void>;
  updateSecurityItem(kind: SecurityItemKind, itemId: string, change: { userId?: string | null; body?: string }): Promise<void>;
  deleteSecurityItem(kind: SecurityItemKind, itemId: string): Promise<void>;
  /** Sets a user's PasswordLastUsed (console sign-in). */
  recordPasswordUse(userId: string, at: Date): Promise<void>;
}
