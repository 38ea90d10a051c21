import { IamError } from '../shared/index.ts';
import type * as T from './iam-types.ts';
import type { IamOperations } from './iam-operations.ts';
import type { IdentityReader, UserRecord } from './identity-store.ts';
import { hashPassword } from './password-hash.ts';
import { recordPasswordChange } from './password-policy.ts';
import type { RequestContext } from './request-context.ts';
import { type ServiceCore, requireUser, write } from './service-core.ts';
import { checkExistingUserName } from './users.ts';
import { PASSWORD, PASSWORD_SOURCE, Violations } from './validation.ts';

type LoginOps = Pick<
  IamOperations,
  'createLoginProfile' | 'getLoginProfile' | 'updateLoginProfile' | 'deleteLoginProfile'
>;

function checkPassword(v: Violations, value: string | undefined): void {
  v.text('password', value, { min: 1, max: 128, pattern: PASSWORD, patternSource: PASSWORD_SOURCE, sensitive: true });
}

/** The user named, else the calling user; root has no login profile to manage through these actions. */
async function targetUser(r: IdentityReader, ctx: RequestContext, userName: string | undefined): Promise<UserRecord> {
  if (userName !== undefined) return requireUser(r, ctx.accountId, userName);
  if (ctx.caller.type === 'user') return requireUser(r, ctx.accountId, ctx.caller.userName);
  throw new IamError(
    'ValidationError',
    "1 validation error detected: Value null at 'userName' failed to satisfy constraint: Member must not be null",
  );
}

const noProfile = (name: string) => new IamError('NoSuchEntity', `Login Profile for User ${name} cannot be found.`);

/** Console passwords: argon2id hashes only, never stored or returned in clear; `passwordCheck` is the policy hook. */
export function loginProfileOperations(core: ServiceCore): LoginOps {
  return {
    async createLoginProfile(
      ctx: RequestContext,
      input: T.CreateLoginProfileInput,
    ): Promise<T.CreateLoginProfileOutput> {
      const v = new Violations();
      checkExistingUserName(v, input.UserName);
      if (!v.required('password', input.Password)) checkPassword(v, input.Password);
      v.throwIfAny();
      const password = input.Password as string;
      await core.passwordCheck(ctx.accountId, password);
      // Hash before the transaction: argon2 takes tens of milliseconds and must not hold a database lock.
      const passwordHash = await hashPassword(password);
      return write(core, ctx, async (tx) => {
        const user = await targetUser(tx, ctx, input.UserName);
        if (await tx.getLoginProfile(user.userId)) {
          throw new IamError('EntityAlreadyExists', `Login Profile for user ${user.userName} already exists.`);
        }
        const record = {
          accountId: ctx.accountId,
          userId: user.userId,
          passwordHash,
          createDate: core.clock.now(),
          passwordResetRequired: input.PasswordResetRequired ?? false,
        };
        await tx.insertLoginProfile(record);
        await recordPasswordChange(tx, user, passwordHash, record.createDate);
        return {
          LoginProfile: {
            UserName: user.userName,
            CreateDate: record.createDate,
            PasswordResetRequired: record.passwordResetRequired,
          },
        };
      });
    },

    async getLoginProfile(ctx: RequestContext, input: T.GetLoginProfileInput): Promise<T.GetLoginProfileOutput> {
      const v = new Violations();
      checkExistingUserName(v, input.UserName);
      v.throwIfAny();
      const user = await targetUser(core.store, ctx, input.UserName);
      const profile = await core.store.getLoginProfile(user.userId);
      if (!profile) throw noProfile(user.userName);
      return {
        LoginProfile: {
          UserName: user.userName,
          CreateDate: profile.createDate,
          PasswordResetRequired: profile.passwordResetRequired,
        },
      };
    },

    async updateLoginProfile(ctx: RequestContext, input: T.UpdateLoginProfileInput): Promise<T.EmptyOutput> {
      const v = new Violations();
      if (!v.required('userName', input.UserName)) checkExistingUserName(v, input.UserName);
      checkPassword(v, input.Password);
      v.throwIfAny();
      let passwordHash: string | undefined;
      if (input.Password !== undefined) {
        await core.passwordCheck(ctx.accountId, input.Password);
        passwordHash = await hashPassword(input.Password);
      }
      return write(core, ctx, async (tx) => {
        const user = await requireUser(tx, ctx.accountId, input.UserName);
        if (!(await tx.getLoginProfile(user.userId))) throw noProfile(user.userName);
        await tx.updateLoginProfile(user.userId, {
          ...(passwordHash !== undefined ? { passwordHash } : {}),
          ...(input.PasswordResetRequired !== undefined ? { passwordResetRequired: input.PasswordResetRequired } : {}),
        });
        if (passwordHash !== undefined) await recordPasswordChange(tx, user, passwordHash, core.clock.now());
        return {};
      });
    },

    async deleteLoginProfile(ctx: RequestContext, input: T.DeleteLoginProfileInput): Promise<T.EmptyOutput> {
      const v = new Violations();
      checkExistingUserName(v, input.UserName);
      v.throwIfAny();
      return write(core, ctx, async (tx) => {
        const user = await targetUser(tx, ctx, input.UserName);
        if (!(await tx.getLoginProfile(user.userId))) throw noProfile(user.userName);
        await tx.deleteLoginProfile(user.userId);
        return {};
      });
    },
  };
}
