import { IamError } from '../shared/index.ts';
import type { EmptyOutput } from './iam-types.ts';
import type { IdentityReader, IdentityWriter, UserRecord } from './identity-store.ts';
import type { RequestContext } from './request-context.ts';
import type * as S from './security-types.ts';
import { type ServiceCore, write } from './service-core.ts';
import { Violations } from './validation.ts';

/** The stored policy: every field resolved to its value (AWS's defaults applied on update). */
export type StoredPasswordPolicy = {
  minimumPasswordLength: number;
  requireSymbols: boolean;
  requireNumbers: boolean;
  requireUppercaseCharacters: boolean;
  requireLowercaseCharacters: boolean;
  allowUsersToChangePassword: boolean;
  /** Days; 0 = passwords never expire. */
  maxPasswordAge: number;
  /** 0 = reuse allowed. */
  passwordReusePrevention: number;
  hardExpiry: boolean;
};

/** Per-user password history (argon2 hashes, newest first) and when the password last changed. */
export type PasswordState = { changedAt: string; history: string[] };

const DAY_MS = 86_400_000;
/** The symbols AWS counts for RequireSymbols. */
const SYMBOLS = "!@#$%^&*()_+-=[]{}|'";
/** PasswordReusePrevention's maximum: the most hashes ever kept. */
const MAX_HISTORY = 24;

const notFound = (accountId: string) =>
  new IamError('NoSuchEntity', `The Password Policy with domain name ${accountId} cannot be found.`);

/** The account's password policy, if one is set. */
export async function readPasswordPolicy(r: IdentityReader, accountId: string): Promise<StoredPasswordPolicy | undefined> {
  const item = await r.getSecurityItem('password-policy', accountId);
  return item ? (JSON.parse(item.body) as StoredPasswordPolicy) : undefined;
}

/** A user's password state, if a password was ever set through iamd since issue 6. */
export async function readPasswordState(r: IdentityReader, userId: string): Promise<PasswordState | undefined> {
  const item = await r.getSecurityItem('password-state', userId);
  return item ? (JSON.parse(item.body) as PasswordState) : undefined;
}

/** When the password expires under the policy (undefined: never). */
export function passwordExpiry(policy: StoredPasswordPolicy | undefined, changedAt: Date): Date | undefined {
  if (!policy || policy.maxPasswordAge === 0) return undefined;
  return new Date(changedAt.getTime() + policy.maxPasswordAge * DAY_MS);
}

/** The first rule a password breaks, in AWS's words, or undefined when it conforms. */
export function passwordRuleViolated(policy: StoredPasswordPolicy, password: string): string | undefined {
  if ([...password].length < policy.minimumPasswordLength)
    return `Password should have a minimum length of ${policy.minimumPasswordLength}`;
  if (policy.requireLowercaseCharacters && !/[a-z]/.test(password))
    return 'Password should have at least one lowercase letter';
  if (policy.requireUppercaseCharacters && !/[A-Z]/.test(password))
    return 'Password should have at least one uppercase letter';
  if (policy.requireNumbers && !/[0-9]/.test(password)) return 'Password should have at least one number';
  if (policy.requireSymbols && ![...password].some((c) => SYMBOLS.includes(c)))
    return 'Password should have at least one symbol';
  return undefined;
}

/** The `passwordCheck` hook: PasswordPolicyViolation when a new password breaks the account's policy. */
export function passwordPolicyCheck(store: IdentityReader): (accountId: string, password: string) => Promise<void> {
  return async (accountId, password) => {
    const policy = await readPasswordPolicy(store, accountId);
    const broken = policy && passwordRuleViolated(policy, password);
    if (broken) throw new IamError('PasswordPolicyViolation', `Password does not conform to the account password policy: ${broken}.`);
  };
}

/**
 * Records a new password of a user (inside the writing transaction): the change time, and the hash at the head
 * of the history, which keeps the most reuse prevention could ever ask for.
 */
export async function recordPasswordChange(tx: IdentityWriter, user: UserRecord, passwordHash: string, at: Date): Promise<void> {
  const previous = await readPasswordState(tx, user.userId);
  const state: PasswordState = {
    changedAt: at.toISOString(),
    history: [passwordHash, ...(previous?.history ?? [])].slice(0, MAX_HISTORY),
  };
  if (previous) await tx.updateSecurityItem('password-state', user.userId, { body: JSON.stringify(state) });
  else
    await tx.insertSecurityItem(
      {
        kind: 'password-state',
        itemId: user.userId,
        accountId: user.accountId,
        userId: user.userId,
        name: user.userId,
        createDate: at,
        body: JSON.stringify(state),
      },
      'Password state already exists.',
    );
}

/** The AWS shape of a stored policy (optional members only when set, as AWS returns them). */
export function passwordPolicyView(p: StoredPasswordPolicy): S.PasswordPolicy {
  return {
    MinimumPasswordLength: p.minimumPasswordLength,
    RequireSymbols: p.requireSymbols,
    RequireNumbers: p.requireNumbers,
    RequireUppercaseCharacters: p.requireUppercaseCharacters,
    RequireLowercaseCharacters: p.requireLowercaseCharacters,
    AllowUsersToChangePassword: p.allowUsersToChangePassword,
    ExpirePasswords: p.maxPasswordAge > 0,
    ...(p.maxPasswordAge > 0 ? { MaxPasswordAge: p.maxPasswordAge } : {}),
    ...(p.passwordReusePrevention > 0 ? { PasswordReusePrevention: p.passwordReusePrevention } : {}),
    ...(p.hardExpiry ? { HardExpiry: true } : {}),
  };
}

type PolicyOps = {
  updateAccountPasswordPolicy(ctx: RequestContext, input: S.UpdateAccountPasswordPolicyInput): Promise<EmptyOutput>;
  getAccountPasswordPolicy(ctx: RequestContext, input: object): Promise<S.GetAccountPasswordPolicyOutput>;
  deleteAccountPasswordPolicy(ctx: RequestContext, input: object): Promise<EmptyOutput>;
};

/** Update/Get/DeleteAccountPasswordPolicy. Update replaces the whole policy; absent members take AWS's defaults. */
export function passwordPolicyOperations(core: ServiceCore): PolicyOps {
  return {
    async updateAccountPasswordPolicy(ctx, input) {
      const v = new Violations();
      v.range('minimumPasswordLength', input.MinimumPasswordLength, 6, 128);
      v.range('maxPasswordAge', input.MaxPasswordAge, 1, 1095);
      v.range('passwordReusePrevention', input.PasswordReusePrevention, 1, 24);
      v.throwIfAny();
      const policy: StoredPasswordPolicy = {
        minimumPasswordLength: input.MinimumPasswordLength ?? 6,
        requireSymbols: input.RequireSymbols ?? false,
        requireNumbers: input.RequireNumbers ?? false,
        requireUppercaseCharacters: input.RequireUppercaseCharacters ?? false,
        requireLowercaseCharacters: input.RequireLowercaseCharacters ?? false,
        allowUsersToChangePassword: input.AllowUsersToChangePassword ?? false,
        maxPasswordAge: input.MaxPasswordAge ?? 0,
        passwordReusePrevention: input.PasswordReusePrevention ?? 0,
        hardExpiry: input.HardExpiry ?? false,
      };
      return write(core, ctx, async (tx) => {
        const body = JSON.stringify(policy);
        if (await tx.getSecurityItem('password-policy', ctx.accountId)) {
          await tx.updateSecurityItem('password-policy', ctx.accountId, { body });
        } else {
          await tx.insertSecurityItem(
            {
              kind: 'password-policy',
              itemId: ctx.accountId,
              accountId: ctx.accountId,
              userId: null,
              name: 'password-policy',
              createDate: core.clock.now(),
              body,
            },
            'The password policy already exists.',
          );
        }
        return {};
      });
    },

    async getAccountPasswordPolicy(ctx) {
      const policy = await readPasswordPolicy(core.store, ctx.accountId);
      if (!policy) throw notFound(ctx.accountId);
      return { PasswordPolicy: passwordPolicyView(policy) };
    },

    async deleteAccountPasswordPolicy(ctx) {
      return write(core, ctx, async (tx) => {
        if (!(await tx.getSecurityItem('password-policy', ctx.accountId))) throw notFound(ctx.accountId);
        await tx.deleteSecurityItem('password-policy', ctx.accountId);
        return {};
      });
    },
  };
}
