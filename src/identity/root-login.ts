import { IamError } from '../shared/index.ts';
import type { IdentityWriter } from './identity-store.ts';
import { hashPassword, verifyPassword } from './password-hash.ts';
import type { ServiceCore } from './service-core.ts';
import { PASSWORD, PASSWORD_SOURCE, Violations } from './validation.ts';

/** A plain e-mail address shape (local@domain.tld), at most 254 characters; compared case-insensitively. */
const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]+$/;

/** Validates a root e-mail address (InvalidInput with the reason). */
export function checkRootEmail(email: string): void {
  if (email.length > 254 || !EMAIL.test(email))
    throw new IamError('InvalidInput', `'${email.slice(0, 254)}' is not a valid e-mail address for the root user.`);
}

/** Validates a new root password: the console password rules (1–128 printable), then the account's password policy. */
async function checkRootPassword(core: ServiceCore, accountId: string, password: string): Promise<void> {
  const v = new Violations();
  v.text('password', password, { min: 1, max: 128, pattern: PASSWORD, patternSource: PASSWORD_SOURCE, sensitive: true });
  v.throwIfAny();
  await core.passwordCheck(accountId, password);
}

/**
 * Sets (or changes) the root user's e-mail address inside `tx`. The address is unique across accounts: another
 * account's address is `EntityAlreadyExists`.
 */
export async function putRootEmail(tx: IdentityWriter, accountId: string, email: string): Promise<void> {
  checkRootEmail(email);
  const holder = await tx.findRootLoginByEmail(email);
  if (holder && holder.accountId !== accountId)
    throw new IamError('EntityAlreadyExists', 'The e-mail address is already the root address of another account.');
  const current = await tx.getRootLogin(accountId);
  await tx.putRootLogin({
    accountId,
    email,
    passwordHash: current?.passwordHash ?? null,
    passwordChangedAt: current?.passwordChangedAt ?? null,
    passwordLastUsed: current?.passwordLastUsed ?? null,
  });
}

/**
 * Sets the root user's console password (argon2id), checked against the account's password policy. The root user
 * needs an e-mail address first: it is the name root signs in with.
 */
export async function setRootPassword(core: ServiceCore, accountId: string, password: string): Promise<void> {
  if (!(await core.store.getAccount(accountId))) throw new IamError('NoSuchEntity', `Account ${accountId} does not exist.`);
  await checkRootPassword(core, accountId, password);
  const passwordHash = await hashPassword(password);
  await core.store.transaction(async (tx) => {
    const current = await tx.getRootLogin(accountId);
    if (!current)
      throw new IamError('NoSuchEntity', `The root user of account ${accountId} has no e-mail address: set one first.`);
    await tx.putRootLogin({ ...current, passwordHash, passwordChangedAt: core.clock.now() });
  });
}

/** Applies a configured root e-mail and password (IAMD_ROOT_EMAIL / IAMD_ROOT_PASSWORD): changed only when they differ. */
export async function applyRootLogin(
  core: ServiceCore,
  accountId: string,
  login: { email?: string; password?: string },
): Promise<void> {
  if (login.email !== undefined) {
    const email = login.email;
    const current = await core.store.getRootLogin(accountId);
    if (current?.email !== email) await core.store.transaction((tx) => putRootEmail(tx, accountId, email));
  }
  if (login.password !== undefined) {
    const current = await core.store.getRootLogin(accountId);
    if (!current?.passwordHash || !(await verifyPassword(current.passwordHash, login.password)))
      await setRootPassword(core, accountId, login.password);
  }
}
