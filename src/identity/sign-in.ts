import { IamError } from '../shared/index.ts';
import type { IdentityReader, UserRecord } from './identity-store.ts';
import { mfaBody } from './mfa-devices.ts';
import { createMfaVerifier } from './mfa-verifier.ts';
import { hashPassword, verifyPassword } from './password-hash.ts';
import { passwordExpiry, readPasswordPolicy, readPasswordState } from './password-policy.ts';
import { type ServiceCore, iamArn } from './service-core.ts';

/** What the future web console sends. */
export type SignInRequest = {
  /** 12-digit account id or account alias. */
  account: string;
  userName: string;
  password: string;
  /** Required when the user has an MFA device. */
  mfaCode?: string;
  /** The client's address, for the per-source rate limit. */
  sourceIp: string;
};

/** A successful sign-in: who signed in, and whether the console must ask for a new password first. Nothing secret. */
export type SignInResult = { accountId: string; userName: string; userArn: string; mustChangePassword: boolean };

/** Failures allowed per user and per source address within the window before sign-in is throttled. */
export const SIGN_IN_LIMITS = Object.freeze({ perUser: 5, perSource: 20, windowMs: 15 * 60_000 });

/** Every failure looks the same, whatever went wrong: the response never says whether the user exists. */
const FAILED = 'Your authentication information is incorrect. Please try again.';

/** Counts failures per key in a sliding window (in memory: one iamd process). */
class FailureWindow {
  readonly #hits = new Map<string, number[]>();
  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}
  #recent(key: string, now: number): number[] {
    const kept = (this.#hits.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (kept.length === 0) this.#hits.delete(key);
    else this.#hits.set(key, kept);
    return kept;
  }
  exceeded(key: string, now: number): boolean {
    return this.#recent(key, now).length >= this.limit;
  }
  add(key: string, now: number): void {
    this.#hits.set(key, [...this.#recent(key, now), now]);
  }
  clear(key: string): void {
    this.#hits.delete(key);
  }
}

async function findAccount(r: IdentityReader, account: string): Promise<string | undefined> {
  const found = /^\d{12}$/.test(account) ? await r.getAccount(account) : await r.findAccountByAlias(account);
  return found?.accountId;
}

/**
 * Console sign-in for IAM users: password (argon2, checked even for unknown users so timing tells nothing), then
 * the MFA code when the user has a device; uniform failures, throttled per user and per source address, logged
 * without secrets; PasswordLastUsed set on success. Root sign-in (by e-mail) is not supported yet.
 */
export function createSignInService(core: ServiceCore): { signIn(request: SignInRequest): Promise<SignInResult> } {
  const users = new FailureWindow(SIGN_IN_LIMITS.perUser, SIGN_IN_LIMITS.windowMs);
  const sources = new FailureWindow(SIGN_IN_LIMITS.perSource, SIGN_IN_LIMITS.windowMs);
  const verifier = createMfaVerifier(core);
  let dummy: Promise<string> | undefined;
  return {
    async signIn(request) {
      const now = core.clock.now();
      const t = now.getTime();
      const userKey = `${request.account.toLowerCase()}/${request.userName.toLowerCase()}`;
      if (users.exceeded(userKey, t) || sources.exceeded(request.sourceIp, t)) {
        throw new IamError('Throttling', 'Too many failed sign-in attempts. Try again later.');
      }
      const fail = (reason: string): never => {
        users.add(userKey, t);
        sources.add(request.sourceIp, t);
        core.logger.warn({ account: request.account, userName: request.userName, sourceIp: request.sourceIp, reason }, 'console sign-in failed');
        throw new IamError('AccessDenied', FAILED);
      };
      // Passwords are at most 128 characters: a longer one cannot match, and is never worth hashing.
      if ([...request.password].length > 128 || request.userName.length > 128) return fail('input too long');
      const accountId = await findAccount(core.store, request.account);
      const user: UserRecord | undefined = accountId ? await core.store.getUserByName(accountId, request.userName) : undefined;
      const profile = user ? await core.store.getLoginProfile(user.userId) : undefined;
      dummy ??= hashPassword('iamd: no such user');
      const ok = await verifyPassword(profile?.passwordHash ?? (await dummy), request.password);
      if (!user || !profile || !accountId || !ok) return fail('bad credentials');
      const userArn = iamArn(user.partition, accountId, 'user', user.path, user.userName);
      const devices = (await core.store.listSecurityItems(accountId, 'mfa', { userId: user.userId })).filter((d) => mfaBody(d).enableDate);
      if (devices.length > 0) {
        if (request.mfaCode === undefined) return fail('mfa code missing');
        let accepted = false;
        for (const d of devices) {
          if (accepted) break;
          accepted = await verifier.verify({ accountId, callerArn: userArn, serialNumber: d.itemId, tokenCode: request.mfaCode, now });
        }
        if (!accepted) return fail('mfa code rejected');
      }
      const policy = await readPasswordPolicy(core.store, accountId);
      const state = await readPasswordState(core.store, user.userId);
      const expiry = passwordExpiry(policy, state ? new Date(state.changedAt) : profile.createDate);
      const expired = expiry !== undefined && expiry.getTime() <= t;
      if (expired && policy?.hardExpiry)
        throw new IamError('AccessDenied', 'Your password has expired. An administrator must reset it.');
      users.clear(userKey);
      await core.store.transaction((tx) => tx.recordPasswordUse(user.userId, now));
      return { accountId, userName: user.userName, userArn, mustChangePassword: profile.passwordResetRequired || expired };
    },
  };
}
