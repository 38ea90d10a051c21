import { IamError } from '../shared/index.ts';
import type { AccessKeyRecord, IdentityReader, UserRecord } from './identity-store.ts';
import { mfaBody } from './mfa-devices.ts';
import { readPasswordPolicy } from './password-policy.ts';
import type { SecurityCheck, SecurityStatusReport, SecurityStatusService } from './security-ports.ts';
import { type ServiceCore, iamArn } from './service-core.ts';

const DAY_MS = 86_400_000;
/** The checklist's age limit for keys and unused credentials. */
export const STALE_AFTER_DAYS = 90;

async function allUsers(r: IdentityReader, accountId: string): Promise<UserRecord[]> {
  const users: UserRecord[] = [];
  for (let after: string | undefined; ; ) {
    const page = await r.listUsers(accountId, after === undefined ? { limit: 500 } : { after, limit: 500 });
    users.push(...page);
    if (page.length < 500) return users;
    after = page[page.length - 1]!.userName.toLowerCase();
  }
}

function check(id: string, title: string, failing: string[], fix: string): SecurityCheck {
  return { id, title, status: failing.length === 0 ? 'pass' : 'fail', failing, fix };
}

/** Computes the classic account-security checklist from the store (read-only). */
export async function securityStatus(r: IdentityReader, accountId: string, now: Date): Promise<SecurityStatusReport> {
  const account = await r.getAccount(accountId);
  if (!account) throw new IamError('NoSuchEntity', `The account ${accountId} cannot be found.`);
  const rootArn = `arn:${account.partition}:iam::${accountId}:root`;
  const stale = now.getTime() - STALE_AFTER_DAYS * DAY_MS;
  const mfa = await r.listSecurityItems(accountId, 'mfa');
  const rootKeys = await r.listAccessKeys(accountId, null, { limit: 10 });
  const users = await allUsers(r, accountId);
  const arnOf = (u: UserRecord) => iamArn(u.partition, accountId, 'user', u.path, u.userName);

  const direct: string[] = [];
  const oldKeys: string[] = rootKeys.some((k) => k.status === 'Active' && k.createDate.getTime() < stale) ? [rootArn] : [];
  const unused: string[] = [];
  const unusedKey = (k: AccessKeyRecord) =>
    k.status === 'Active' && (k.lastUsedDate ?? k.createDate).getTime() < stale;
  for (const u of users) {
    const arn = arnOf(u);
    if ((await r.listAttachmentsOf(u.userId)).length > 0 || (await r.listInlinePolicies(u.userId)).length > 0) direct.push(arn);
    const keys = await r.listAccessKeys(accountId, u.userId, { limit: 10 });
    if (keys.some((k) => k.status === 'Active' && k.createDate.getTime() < stale)) oldKeys.push(arn);
    const profile = await r.getLoginProfile(u.userId);
    const passwordUnused = profile !== undefined && (u.passwordLastUsed ?? profile.createDate).getTime() < stale;
    if (passwordUnused || keys.some(unusedKey)) unused.push(arn);
  }

  return {
    accountId,
    checkedAt: now,
    checks: [
      check(
        'root-mfa',
        'Activate MFA on the root user',
        mfa.some((d) => mfaBody(d).root === true) ? [] : [rootArn],
        'As root: aws iam create-virtual-mfa-device --virtual-mfa-device-name root-account-mfa-device, then aws iam enable-mfa-device --user-name <account id> with two consecutive codes.',
      ),
      check(
        'root-access-keys',
        'The root user has no active access keys',
        rootKeys.some((k) => k.status === 'Active') ? [rootArn] : [],
        'Create an IAM user for daily work, then delete the root keys: aws iam delete-access-key --access-key-id <root key id>.',
      ),
      check(
        'iam-users',
        'At least one IAM user for daily work',
        users.length === 0 ? [rootArn] : [],
        'aws iam create-user --user-name admin, add it to an administrators group and give it a password or access key.',
      ),
      check(
        'groups-for-permissions',
        'Permissions are granted through groups, not directly to users',
        direct,
        'Move each listed user\'s attached and inline policies to a group (aws iam attach-group-policy, add-user-to-group), then detach/delete them from the user.',
      ),
      check(
        'password-policy',
        'An account password policy is set',
        (await readPasswordPolicy(r, accountId)) ? [] : [rootArn],
        'aws iam update-account-password-policy --minimum-password-length 14 --require-symbols --require-numbers --require-uppercase-characters --require-lowercase-characters.',
      ),
      check(
        'access-key-rotation',
        `Active access keys are rotated within ${STALE_AFTER_DAYS} days`,
        oldKeys,
        'For each listed principal: create a second key, switch applications to it, deactivate then delete the old key.',
      ),
      check(
        'unused-credentials',
        `Credentials unused for ${STALE_AFTER_DAYS} days are disabled`,
        unused,
        'Deactivate unused access keys (aws iam update-access-key --status Inactive) and delete unused passwords (aws iam delete-login-profile).',
      ),
    ],
  };
}

/** The service the identity services expose; `now` defaults to the injected clock. */
export function securityStatusService(core: ServiceCore): SecurityStatusService {
  return { securityStatus: (accountId, now) => securityStatus(core.store, accountId, now ?? core.clock.now()) };
}
