import { randomInt } from 'node:crypto';
import { IamError, newAccessKeyId, newSecretAccessKey } from '../shared/index.ts';
import { checkAlias } from './account-operations.ts';
import type { IdentityWriter } from './identity-store.ts';
import { applyRootLogin, checkRootEmail, putRootEmail, setRootPassword } from './root-login.ts';
import { QUOTAS, type ServiceCore } from './service-core.ts';
import type { AccountService, AccountSummary, DefaultAccount, RootCredentials } from './services.ts';

const ACCOUNT_ID = /^\d{12}$/;
const KEY_ID = /^\w{16,128}$/;
const SECRET = /^[\u0021-\u007E]{1,128}$/;

function checkDefaults(d: DefaultAccount): void {
  if (!ACCOUNT_ID.test(d.accountId))
    throw new IamError('InvalidInput', `Account id '${d.accountId}' must be 12 digits.`);
  if ((d.rootAccessKeyId === undefined) !== (d.rootSecretAccessKey === undefined)) {
    throw new IamError('InvalidInput', 'A root access key id and its secret access key must be given together.');
  }
  if (d.rootAccessKeyId !== undefined && !KEY_ID.test(d.rootAccessKeyId)) {
    throw new IamError('InvalidInput', 'A root access key id must be 16 to 128 letters, digits or underscores.');
  }
  if (d.rootSecretAccessKey !== undefined && !SECRET.test(d.rootSecretAccessKey)) {
    // The secret itself is never echoed.
    throw new IamError('InvalidInput', 'A root secret access key must be 1 to 128 printable ASCII characters.');
  }  if (d.rootEmail !== undefined) checkRootEmail(d.rootEmail);
  if (d.rootPassword !== undefined && d.rootEmail === undefined)
    throw new IamError('InvalidInput', 'A root password needs a root e-mail address to sign in with.');
}

/** Accounts and their root users; every change is one transaction. */
export function createAccountService(core: ServiceCore): AccountService {
  async function addRootKey(tx: IdentityWriter, accountId: string, creds: RootCredentials): Promise<void> {
    await tx.insertAccessKey({
      accessKeyId: creds.accessKeyId,
      accountId,
      userId: null,
      sealedSecret: core.sealer.seal(creds.secretAccessKey, creds.accessKeyId),
      status: 'Active',
      createDate: core.clock.now(),
      lastUsedDate: null,
      lastUsedService: null,
      lastUsedRegion: null,
    });
  }

  async function newAccount(tx: IdentityWriter, accountId: string, creds?: RootCredentials): Promise<RootCredentials> {
    await tx.insertAccount({ accountId, alias: null, partition: 'aws', createDate: core.clock.now() });
    const root = creds ?? { accessKeyId: newAccessKeyId('AKIA', accountId), secretAccessKey: newSecretAccessKey() };
    await addRootKey(tx, accountId, root);
    return root;
  }

  const given = (d: DefaultAccount): RootCredentials | undefined =>
    d.rootAccessKeyId !== undefined && d.rootSecretAccessKey !== undefined
      ? { accessKeyId: d.rootAccessKeyId, secretAccessKey: d.rootSecretAccessKey }
      : undefined;

  return {
    async ensureDefaultAccount(defaults) {
      checkDefaults(defaults);
      const configured = given(defaults);
      const result: { created: boolean; rootCredentials?: RootCredentials } = await core.store.transaction(
        async (tx) => {
          if (!(await tx.getAccount(defaults.accountId))) {
            return { created: true, rootCredentials: await newAccount(tx, defaults.accountId, configured) };
          }
          if (!configured) return { created: false };
          await tx.bumpGeneration(defaults.accountId);
          // The configured root key is authoritative: add it when missing, re-seal it when its secret changed.
          const key = await tx.getAccessKey(configured.accessKeyId);
          if (!key) {
            if ((await tx.countAccessKeys(defaults.accountId, null)) >= QUOTAS.accessKeysPerUser) {
              throw new IamError(
                'LimitExceeded',
                `Cannot exceed quota for AccessKeysPerUser: ${QUOTAS.accessKeysPerUser}`,
              );
            }
            await addRootKey(tx, defaults.accountId, configured);
          } else if (key.accountId !== defaults.accountId || key.userId !== null) {
            throw new IamError('InvalidInput', `Access key ${configured.accessKeyId} belongs to another principal.`);
          } else if (core.sealer.open(key.sealedSecret, key.accessKeyId) !== configured.secretAccessKey) {
            await tx.updateAccessKey(key.accessKeyId, {
              sealedSecret: core.sealer.seal(configured.secretAccessKey, key.accessKeyId),
            });
          }
          return { created: false };
        },
      );
      const touched = configured ?? result.rootCredentials;
      if (touched) core.cache.forgetKey(touched.accessKeyId);
      await applyRootLogin(core, defaults.accountId, { email: defaults.rootEmail, password: defaults.rootPassword });
      return result;
    },

    async createAccount(options = {}) {
      if (options.accountId !== undefined && !ACCOUNT_ID.test(options.accountId)) {
        throw new IamError('InvalidInput', `Account id '${options.accountId}' must be 12 digits.`);
      }
      if (options.alias !== undefined) checkAlias(options.alias);
      if (options.email !== undefined) checkRootEmail(options.email);
      const made = await core.store.transaction(async (tx) => {
        let accountId = options.accountId;
        if (accountId === undefined) {
          do
            accountId =
              String(randomInt(1, 1_000_000)).padStart(6, '0') + String(randomInt(0, 1_000_000)).padStart(6, '0');
          while (await tx.getAccount(accountId));
        } else if (await tx.getAccount(accountId)) {
          throw new IamError('EntityAlreadyExists', `Account ${accountId} already exists.`);
        }
        if (options.alias !== undefined && (await tx.findAccountByAlias(options.alias))) {
          throw new IamError('EntityAlreadyExists', `The account alias ${options.alias} already exists.`);
        }
        const rootCredentials = await newAccount(tx, accountId);
        if (options.alias !== undefined) await tx.setAccountAlias(accountId, options.alias);
        if (options.email !== undefined) await putRootEmail(tx, accountId, options.email);
        return { accountId, rootCredentials };
      });
      // The id may have been looked up (and cached as unknown) before it existed.
      core.cache.forgetKey(made.rootCredentials.accessKeyId);
      return made;
    },

    async setRootEmail(accountId, email) {
      await core.store.transaction(async (tx) => {
        if (!(await tx.getAccount(accountId))) throw new IamError('NoSuchEntity', `Account ${accountId} does not exist.`);
        await putRootEmail(tx, accountId, email);
      });
    },

    setRootPassword: (accountId, password) => setRootPassword(core, accountId, password),

    async listAccounts(): Promise<AccountSummary[]> {
      return (await core.store.listAccounts()).map((a) => ({
        accountId: a.accountId,
        ...(a.alias ? { alias: a.alias } : {}),
        createDate: a.createDate,
      }));
    },

    async resolveAlias(alias: string): Promise<string | undefined> {
      return (await core.store.findAccountByAlias(alias))?.accountId;
    },

    async reset(defaults) {
      checkDefaults(defaults);
      let wiped: string[] = [];
      const result = await core.store.transaction(async (tx) => {
        // Keep the root credentials people already use: the configured ones, else the current root keys.
        const previous = (await tx.listAccessKeys(defaults.accountId, null, { limit: QUOTAS.accessKeysPerUser })).map(
          (k): RootCredentials => ({
            accessKeyId: k.accessKeyId,
            secretAccessKey: core.sealer.open(k.sealedSecret, k.accessKeyId),
          }),
        );
        const configured = given(defaults);
        const keep = configured ? [configured] : previous;
        wiped = (await tx.listAccounts()).map((a) => a.accountId);
        await tx.deleteEverything();
        const first = await newAccount(tx, defaults.accountId, keep[0]);
        for (const extra of keep.slice(1)) await addRootKey(tx, defaults.accountId, extra);
        return { rootCredentials: first };
      });
      core.cache.clear();
      await applyRootLogin(core, defaults.accountId, { email: defaults.rootEmail, password: defaults.rootPassword });
      for (const accountId of new Set([...wiped, defaults.accountId])) core.changes.emit(accountId);
      return result;
    },
  };
}
