import { IamError } from '../shared/index.ts';
import type { EmptyOutput } from './iam-types.ts';
import { hashPassword, verifyPassword } from './password-hash.ts';
import { passwordExpiry, readPasswordPolicy, readPasswordState, recordPasswordChange } from './password-policy.ts';
import type { RequestContext } from './request-context.ts';
import type * as S from './security-types.ts';
import { type ServiceCore, requireUser, write } from './service-core.ts';
import { PASSWORD, PASSWORD_SOURCE, Violations } from './validation.ts';

/**
 * ChangePassword: an IAM user changes its own console password. The old one is checked with argon2, the new one
 * against the account policy (rules, then reuse of the last N passwords); with HardExpiry an expired password can
 * only be reset by an administrator.
 */
export function changePasswordOperations(core: ServiceCore): {
  changePassword(ctx: RequestContext, input: S.ChangePasswordInput): Promise<EmptyOutput>;
} {
  return {
    async changePassword(ctx, input) {
      const v = new Violations();
      for (const [member, value] of [
        ['oldPassword', input.OldPassword],
        ['newPassword', input.NewPassword],
      ] as const) {
        if (!v.required(member, value))
          v.text(member, value, { min: 1, max: 128, pattern: PASSWORD, patternSource: PASSWORD_SOURCE, sensitive: true });
      }
      v.throwIfAny();
      if (ctx.caller.type !== 'user') {
        throw new IamError('InvalidInput', 'Only IAM users can change their own password with ChangePassword.');
      }
      const oldPassword = input.OldPassword as string;
      const newPassword = input.NewPassword as string;
      const user = await requireUser(core.store, ctx.accountId, ctx.caller.userName);
      const profile = await core.store.getLoginProfile(user.userId);
      if (!profile) throw new IamError('NoSuchEntity', `Login Profile for User ${user.userName} cannot be found.`);
      if (!(await verifyPassword(profile.passwordHash, oldPassword))) {
        throw new IamError('InvalidInput', 'The old password is incorrect.');
      }
      const policy = await readPasswordPolicy(core.store, ctx.accountId);
      const state = await readPasswordState(core.store, user.userId);
      const expiry = passwordExpiry(policy, state ? new Date(state.changedAt) : profile.createDate);
      if (policy?.hardExpiry && expiry && expiry.getTime() <= core.clock.now().getTime()) {
        throw new IamError(
          'EntityTemporarilyUnmodifiable',
          'The password has expired and the account password policy requires an administrator to reset it.',
        );
      }
      await core.passwordCheck(ctx.accountId, newPassword);
      const reuse = policy?.passwordReusePrevention ?? 0;
      const recent = (state?.history ?? [profile.passwordHash]).slice(0, Math.max(reuse, 0));
      for (const previous of recent) {
        if (await verifyPassword(previous, newPassword)) {
          throw new IamError(
            'PasswordPolicyViolation',
            `Password does not conform to the account password policy: Password should not be one of your last ${reuse} passwords.`,
          );
        }
      }
      const passwordHash = await hashPassword(newPassword);
      return write(core, ctx, async (tx) => {
        const current = await requireUser(tx, ctx.accountId, user.userName);
        if (current.userId !== user.userId || !(await tx.getLoginProfile(user.userId))) {
          throw new IamError('EntityTemporarilyUnmodifiable', 'The login profile changed during the request; retry.');
        }
        await tx.updateLoginProfile(user.userId, { passwordHash, passwordResetRequired: false });
        await recordPasswordChange(tx, user, passwordHash, core.clock.now());
        return {};
      });
    },
  };
}
