import { IamError, newAccessKeyId, newSecretAccessKey } from '../shared/index.ts';
import type * as T from './iam-types.ts';
import type { IamOperations } from './iam-operations.ts';
import type { AccessKeyRecord, IdentityReader, UserRecord } from './identity-store.ts';
import { fetchPage } from './pagination.ts';
import { NON_USER_CREDENTIALS, type RequestContext } from './request-context.ts';
import { QUOTAS, type ServiceCore, requireUser, write } from './service-core.ts';
import { checkExistingUserName, marker } from './users.ts';
import { ACCESS_KEY_ID, ACCESS_KEY_ID_SOURCE, Violations, checkPage } from './validation.ts';

type KeyOps = Pick<
  IamOperations,
  'createAccessKey' | 'listAccessKeys' | 'updateAccessKey' | 'deleteAccessKey' | 'getAccessKeyLastUsed'
>;

/** The owner an action acts on: the named user, else the caller (root keys when the caller is root). */
async function ownerOf(
  r: IdentityReader,
  ctx: RequestContext,
  userName: string | undefined,
): Promise<UserRecord | null> {
  if (userName !== undefined) return requireUser(r, ctx.accountId, userName);
  if (ctx.caller.type === 'root') return null;
  if (ctx.caller.type !== 'user') throw new IamError('ValidationError', NON_USER_CREDENTIALS);
  return requireUser(r, ctx.accountId, ctx.caller.userName);
}

function checkKeyId(v: Violations, value: string | undefined): void {
  if (!v.required('accessKeyId', value)) {
    v.text('accessKeyId', value, { min: 16, max: 128, pattern: ACCESS_KEY_ID, patternSource: ACCESS_KEY_ID_SOURCE });
  }
}

const noSuchKey = (id: string) => new IamError('NoSuchEntity', `The Access Key with id ${id} cannot be found.`);

/** The key when it belongs to `owner` in the caller's account; otherwise NoSuchEntity. */
async function ownedKey(
  r: IdentityReader,
  ctx: RequestContext,
  id: string,
  owner: UserRecord | null,
): Promise<AccessKeyRecord> {
  const key = await r.getAccessKey(id);
  if (!key || key.accountId !== ctx.accountId || key.userId !== (owner?.userId ?? null)) throw noSuchKey(id);
  return key;
}

/**
 * Long-term access keys: AKIA ids that encode the account, 40-character secrets sealed at rest, two per user
 * (and two for root). CreateAccessKey is the only place a secret is returned.
 */
export function accessKeyOperations(core: ServiceCore): KeyOps {
  return {
    async createAccessKey(ctx: RequestContext, input: T.CreateAccessKeyInput): Promise<T.CreateAccessKeyOutput> {
      const v = new Violations();
      checkExistingUserName(v, input.UserName);
      v.throwIfAny();
      return write(core, ctx, async (tx, onCommit) => {
        const owner = await ownerOf(tx, ctx, input.UserName);
        if ((await tx.countAccessKeys(ctx.accountId, owner?.userId ?? null)) >= QUOTAS.accessKeysPerUser) {
          throw new IamError('LimitExceeded', `Cannot exceed quota for AccessKeysPerUser: ${QUOTAS.accessKeysPerUser}`);
        }
        const accessKeyId = newAccessKeyId('AKIA', ctx.accountId);
        const secret = newSecretAccessKey();
        const createDate = core.clock.now();
        await tx.insertAccessKey({
          accessKeyId,
          accountId: ctx.accountId,
          userId: owner?.userId ?? null,
          sealedSecret: core.sealer.seal(secret, accessKeyId),
          status: 'Active',
          createDate,
          lastUsedDate: null,
          lastUsedService: null,
          lastUsedRegion: null,
        });
        onCommit(() => core.cache.forgetKey(accessKeyId));
        const AccessKey: T.AccessKey = {
          ...(owner ? { UserName: owner.userName } : {}),
          AccessKeyId: accessKeyId,
          Status: 'Active',
          SecretAccessKey: secret,
          CreateDate: createDate,
        };
        return { AccessKey };
      });
    },

    async listAccessKeys(ctx: RequestContext, input: T.ListAccessKeysInput): Promise<T.ListAccessKeysOutput> {
      const v = new Violations();
      checkExistingUserName(v, input.UserName);
      checkPage(v, input);
      v.throwIfAny();
      const owner = await ownerOf(core.store, ctx, input.UserName);
      const page = await fetchPage(
        input,
        (q) => core.store.listAccessKeys(ctx.accountId, owner?.userId ?? null, q),
        (k) => k.accessKeyId,
      );
      const AccessKeyMetadata = page.items.map(
        (k): T.AccessKeyMetadata => ({
          ...(owner ? { UserName: owner.userName } : {}),
          AccessKeyId: k.accessKeyId,
          Status: k.status,
          CreateDate: k.createDate,
        }),
      );
      return { AccessKeyMetadata, IsTruncated: page.IsTruncated, ...marker(page.Marker) };
    },

    async updateAccessKey(ctx: RequestContext, input: T.UpdateAccessKeyInput): Promise<T.EmptyOutput> {
      const v = new Violations();
      checkExistingUserName(v, input.UserName);
      checkKeyId(v, input.AccessKeyId);
      if (!v.required('status', input.Status)) v.oneOf('status', input.Status, ['Active', 'Inactive']);
      v.throwIfAny();
      return write(core, ctx, async (tx, onCommit) => {
        const owner = await ownerOf(tx, ctx, input.UserName);
        await ownedKey(tx, ctx, input.AccessKeyId, owner);
        await tx.updateAccessKey(input.AccessKeyId, { status: input.Status });
        onCommit(() => core.cache.forgetKey(input.AccessKeyId));
        return {};
      });
    },

    async deleteAccessKey(ctx: RequestContext, input: T.DeleteAccessKeyInput): Promise<T.EmptyOutput> {
      const v = new Violations();
      checkExistingUserName(v, input.UserName);
      checkKeyId(v, input.AccessKeyId);
      v.throwIfAny();
      return write(core, ctx, async (tx, onCommit) => {
        const owner = await ownerOf(tx, ctx, input.UserName);
        await ownedKey(tx, ctx, input.AccessKeyId, owner);
        await tx.deleteAccessKey(input.AccessKeyId);
        onCommit(() => core.cache.forgetKey(input.AccessKeyId));
        return {};
      });
    },

    async getAccessKeyLastUsed(
      ctx: RequestContext,
      input: T.GetAccessKeyLastUsedInput,
    ): Promise<T.GetAccessKeyLastUsedOutput> {
      const v = new Violations();
      checkKeyId(v, input.AccessKeyId);
      v.throwIfAny();
      const key = await core.store.getAccessKey(input.AccessKeyId);
      if (!key || key.accountId !== ctx.accountId) throw noSuchKey(input.AccessKeyId);
      const user = key.userId === null ? undefined : await core.store.getUserById(ctx.accountId, key.userId);
      const AccessKeyLastUsed: T.AccessKeyLastUsed = key.lastUsedDate
        ? {
            LastUsedDate: key.lastUsedDate,
            ServiceName: key.lastUsedService ?? 'N/A',
            Region: key.lastUsedRegion ?? 'N/A',
          }
        : { ServiceName: 'N/A', Region: 'N/A' };
      return { ...(user ? { UserName: user.userName } : {}), AccessKeyLastUsed };
    },
  };
}
