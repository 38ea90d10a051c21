import { IamError, newRequestId } from '../shared/index.ts';
import { changePasswordOperations } from './change-password.ts';
import type { IdentityReader } from './identity-store.ts';
import { mfaBody } from './mfa-devices.ts';
import { createMfaVerifier } from './mfa-verifier.ts';
import { hashPassword, verifyPassword } from './password-hash.ts';
import { passwordExpiry, readPasswordPolicy, readPasswordState } from './password-policy.ts';
import { setRootPassword } from './root-login.ts';
import type { SignInResult, SignInService } from './security-ports.ts';
import { type ServiceCore, iamArn } from './service-core.ts';

export type { SignInRequest, SignInResult } from './security-ports.ts';

/** Failures allowed per user and per source address within the window before sign-in is throttled. */
export const SIGN_IN_LIMITS = Object.freeze({ perUser: 5, perSource: 20, windowMs: 15 * 60_000 });

/** Every failure looks the same, whatever went wrong: the response never says whether the user exists. */
export const SIGN_IN_FAILED = 'Your authentication information is incorrect. Please try again.';

/** Counts failures per key in a sliding window (in memory: one iamd process). */
export class FailureWindow {
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
    // Keys are only pruned when touched again: sweep them all now and then, so a spray of names cannot grow the map.
    if (this.#hits.size >= FailureWindow.SWEEP_AT) for (const k of [...this.#hits.keys()]) this.#recent(k, now);
    this.#hits.set(key, [...this.#recent(key, now), now]);
  }
  static readonly SWEEP_AT = 10_000;
  /** Keys currently tracked (for tests). */
  get size(): number {
    return this.#hits.size;
  }
  clear(key: string): void {
    this.#hits.delete(key);
  }
}

async function findAccount(r: IdentityReader, account: string): Promise<string | undefined> {
  const found = /^\d{12}$/.test(account) ? await r.getAccount(account) : await r.findAccountByAlias(account);
  return found?.accountId;
}

/** Who the request names, found in the store: the password hash to check and the MFA devices' owner. */
type Candidate = {
  accountId: string;
  partition: string;
  principal: SignInResult['principal'];
  passwordHash: string;
  /** Must be changed before a session is issued (expired, or reset required by an administrator). */
  mustChange: boolean;
  /** Expired under a HardExpiry policy: only an administrator can help. */
  hardExpired: boolean;
};

/**
 * Console sign-in for IAM users (account id or alias + user name) and the root user (e-mail address): password
 * (argon2, checked against a dummy hash when nobody matches so timing tells nothing), then the MFA code when the
 * principal has a device; uniform failures, throttled per principal and per source address, logged with the reason
 * and without secrets. A password that must be changed is changed here when `newPassword` is given (the account
 * password policy and reuse rules apply); otherwise the answer is `password-change-required` and no session.
 * PasswordLastUsed is set on success.
 */
export function createSignInService(core: ServiceCore): SignInService {
  const principals = new FailureWindow(SIGN_IN_LIMITS.perUser, SIGN_IN_LIMITS.windowMs);
  const sources = new FailureWindow(SIGN_IN_LIMITS.perSource, SIGN_IN_LIMITS.windowMs);
  const verifier = createMfaVerifier(core);
  const passwords = changePasswordOperations(core);
  let dummy: Promise<string> | undefined;

  async function findUser(account: string, userName: string, t: number): Promise<Candidate | undefined> {
    const accountId = await findAccount(core.store, account);
    const user = accountId ? await core.store.getUserByName(accountId, userName) : undefined;
    const profile = user ? await core.store.getLoginProfile(user.userId) : undefined;
    if (!accountId || !user || !profile) return undefined;
    const policy = await readPasswordPolicy(core.store, accountId);
    const state = await readPasswordState(core.store, user.userId);
    const expiry = passwordExpiry(policy, state ? new Date(state.changedAt) : profile.createDate);
    const expired = expiry !== undefined && expiry.getTime() <= t;
    return {
      accountId,
      partition: user.partition,
      principal: {
        kind: 'user',
        userArn: iamArn(user.partition, accountId, 'user', user.path, user.userName),
        userId: user.userId,
        userName: user.userName,
      },
      passwordHash: profile.passwordHash,
      mustChange: profile.passwordResetRequired || expired,
      hardExpired: expired && policy?.hardExpiry === true,
    };
  }

  async function findRoot(email: string): Promise<Candidate | undefined> {
    const login = await core.store.findRootLoginByEmail(email);
    const account = login ? await core.store.getAccount(login.accountId) : undefined;
    if (!login?.passwordHash || !account) return undefined;
    const principal = { kind: 'root' } as const;
    return { accountId: account.accountId, partition: account.partition, principal, passwordHash: login.passwordHash, mustChange: false, hardExpired: false };
  }

  /** MFA devices of the principal that are enabled. */
  async function devicesOf(c: Candidate): Promise<string[]> {
    const items = await core.store.listSecurityItems(c.accountId, 'mfa', c.principal.kind === 'user' ? { userId: c.principal.userId } : {});
    return items
      .filter((d) => {
        const body = mfaBody(d);
        return body.enableDate !== undefined && (c.principal.kind === 'user' ? d.userId === c.principal.userId : body.root === true);
      })
      .map((d) => d.itemId);
  }

  async function setNewPassword(c: Candidate, oldPassword: string, newPassword: string): Promise<void> {
    if (c.principal.kind === 'root') {
      await setRootPassword(core, c.accountId, newPassword);
      return;
    }
    const { userArn, userId, userName } = c.principal;
    const user = await core.store.getUserById(c.accountId, userId);
    if (!user) throw new IamError('AccessDenied', SIGN_IN_FAILED);
    await passwords.changePassword(
      {
        accountId: c.accountId,
        partition: c.partition,
        region: 'us-east-1',
        requestId: newRequestId(),
        caller: { type: 'user', accountId: c.accountId, arn: userArn, userId, userName, path: user.path },
      },
      { OldPassword: oldPassword, NewPassword: newPassword },
    );
  }

  return {
    async signIn(request) {
      const now = core.clock.now();
      const t = now.getTime();
      const who = 'email' in request ? { email: request.email } : { account: request.account, userName: request.userName };
      const key = 'email' in request ? `root/${request.email.toLowerCase()}` : `${request.account.toLowerCase()}/${request.userName.toLowerCase()}`;
      if (principals.exceeded(key, t) || sources.exceeded(request.sourceIp, t)) {
        core.logger.warn({ ...who, sourceIp: request.sourceIp, reason: 'throttled' }, 'console sign-in failed');
        throw new IamError('Throttling', 'Too many failed sign-in attempts. Try again later.');
      }
      const fail = (reason: string): never => {
        principals.add(key, t);
        sources.add(request.sourceIp, t);
        core.logger.warn({ ...who, sourceIp: request.sourceIp, reason }, 'console sign-in failed');
        throw new IamError('AccessDenied', SIGN_IN_FAILED);
      };
      // Passwords are at most 128 characters: a longer one cannot match, and is never worth hashing.
      const names = 'email' in request ? [request.email] : [request.account, request.userName];
      if ([...request.password].length > 128 || names.some((n) => n.length > 256)) return fail('input too long');
      const candidate = 'email' in request ? await findRoot(request.email) : await findUser(request.account, request.userName, t);
      dummy ??= hashPassword('iamd: no such user');
      const ok = await verifyPassword(candidate?.passwordHash ?? (await dummy), request.password);
      if (!candidate || !ok) return fail(candidate ? 'wrong password' : 'no such principal or no password');
      const callerArn = candidate.principal.kind === 'user' ? candidate.principal.userArn : `arn:${candidate.partition}:iam::${candidate.accountId}:root`;
      const devices = await devicesOf(candidate);
      let mfaAuthenticatedAt: Date | undefined;
      if (devices.length > 0) {
        if (request.mfaCode === undefined) return fail('mfa code missing');
        for (const serialNumber of devices) {
          if (await verifier.verify({ accountId: candidate.accountId, callerArn, serialNumber, tokenCode: request.mfaCode, now })) {
            mfaAuthenticatedAt = now;
            break;
          }
        }
        if (!mfaAuthenticatedAt) return fail('mfa code rejected');
      }
      principals.clear(key);
      if (candidate.hardExpired) {
        core.logger.warn({ ...who, sourceIp: request.sourceIp, reason: 'password expired (hard expiry)' }, 'console sign-in refused');
        throw new IamError('AccessDenied', 'Your password has expired. An administrator must reset it.');
      }
      const base = { accountId: candidate.accountId, partition: candidate.partition, principal: candidate.principal, ...(mfaAuthenticatedAt ? { mfaAuthenticatedAt } : {}) };
      if (request.newPassword !== undefined) await setNewPassword(candidate, request.password, request.newPassword);
      else if (candidate.mustChange) return { ...base, status: 'password-change-required', passwordChanged: false };
      await core.store.transaction((tx) =>
        candidate.principal.kind === 'user' ? tx.recordPasswordUse(candidate.principal.userId, now) : tx.recordRootPasswordUse(candidate.accountId, now),
      );
      return { ...base, status: 'signed-in', passwordChanged: request.newPassword !== undefined };
    },
  };
}
