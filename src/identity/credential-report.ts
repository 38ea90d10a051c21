import { IamError } from '../shared/index.ts';
import type { AccessKeyRecord, IdentityReader, UserRecord } from './identity-store.ts';
import { passwordExpiry, readPasswordPolicy, readPasswordState } from './password-policy.ts';
import type { RequestContext } from './request-context.ts';
import type * as S from './security-types.ts';
import { type ServiceCore, iamArn, write } from './service-core.ts';

/** AWS's columns, in order ("Getting credential reports", IAM User Guide). */
export const CREDENTIAL_REPORT_COLUMNS = [
  'user',
  'arn',
  'user_creation_time',
  'password_enabled',
  'password_last_used',
  'password_last_changed',
  'password_next_rotation',
  'mfa_active',
  'access_key_1_active',
  'access_key_1_last_rotated',
  'access_key_1_last_used_date',
  'access_key_1_last_used_region',
  'access_key_1_last_used_service',
  'access_key_2_active',
  'access_key_2_last_rotated',
  'access_key_2_last_used_date',
  'access_key_2_last_used_region',
  'access_key_2_last_used_service',
  'cert_1_active',
  'cert_1_last_rotated',
  'cert_2_active',
  'cert_2_last_rotated',
] as const;

/** A report is served for four hours, then GetCredentialReport says ReportExpired. */
export const REPORT_LIFETIME_MS = 4 * 3_600_000;

type ReportBody = { state: 'STARTED' | 'COMPLETE'; generatedAt: string; content?: string };

/** AWS writes report times as `2014-10-24T21:51:47+00:00`. */
export function reportTime(d: Date): string {
  return `${d.toISOString().slice(0, 19)}+00:00`;
}

const bool = (b: boolean) => (b ? 'true' : 'false');

/** Services that are not Region-specific: the report writes `N/A` for the region a key was last used in. */
const GLOBAL_SERVICES = new Set(['s3']);

/**
 * The five key columns, as the IAM User Guide's "Getting credential reports" describes them: `last_rotated` only
 * for an active key; last-used date and service `N/A` for a key never used; the region also `N/A` when the service
 * is not Region-specific (Amazon S3).
 */
function keyColumns(key: AccessKeyRecord | undefined): string[] {
  if (!key) return ['false', 'N/A', 'N/A', 'N/A', 'N/A'];
  const used = key.lastUsedDate;
  const active = key.status === 'Active';
  const service = used ? key.lastUsedService : null;
  return [
    bool(active),
    active ? reportTime(key.createDate) : 'N/A',
    used ? reportTime(used) : 'N/A',
    used && service && !GLOBAL_SERVICES.has(service) ? (key.lastUsedRegion ?? 'N/A') : 'N/A',
    service ?? 'N/A',
  ];
}

/** The two certificate columns: `last_rotated` only for an active certificate (same page). */
function certColumns(cert: { active: boolean; uploaded: Date } | undefined): string[] {
  return cert ? [bool(cert.active), cert.active ? reportTime(cert.uploaded) : 'N/A'] : ['false', 'N/A'];
}

async function certsOf(r: IdentityReader, accountId: string, userId: string) {
  const items = await r.listSecurityItems(accountId, 'signing-cert', { userId });
  return items
    .map((i) => ({ active: (JSON.parse(i.body) as { status: string }).status === 'Active', uploaded: i.createDate }))
    .sort((a, b) => a.uploaded.getTime() - b.uploaded.getTime());
}

async function keysOf(r: IdentityReader, accountId: string, userId: string | null): Promise<AccessKeyRecord[]> {
  const keys = await r.listAccessKeys(accountId, userId, { limit: 10 });
  return keys.sort((a, b) => a.createDate.getTime() - b.createDate.getTime());
}

/** Builds the CSV for an account from the store as it is now. */
export async function buildCredentialReport(r: IdentityReader, accountId: string): Promise<string> {
  const account = await r.getAccount(accountId);
  if (!account) throw new IamError('NoSuchEntity', `The account ${accountId} cannot be found.`);
  const policy = await readPasswordPolicy(r, accountId);
  const mfa = await r.listSecurityItems(accountId, 'mfa');
  const mfaUsers = new Set(mfa.filter((d) => d.userId !== null).map((d) => d.userId));
  const rootMfa = mfa.some((d) => (JSON.parse(d.body) as { root?: boolean }).root === true);
  const lines: string[] = [CREDENTIAL_REPORT_COLUMNS.join(',')];
  const rootKeys = await keysOf(r, accountId, null);
  // Root's console password (issue 6): its last sign-in, or no_information when never used (or never set).
  const rootPasswordUsed = (await r.getRootLogin(accountId))?.passwordLastUsed;
  lines.push(
    [
      '<root_account>',
      `arn:${account.partition}:iam::${accountId}:root`,
      reportTime(account.createDate),
      'not_supported',
      rootPasswordUsed ? reportTime(rootPasswordUsed) : 'no_information',
      'not_supported',
      'not_supported',
      bool(rootMfa),
      ...keyColumns(rootKeys[0]),
      ...keyColumns(rootKeys[1]),
      ...certColumns(undefined),
      ...certColumns(undefined),
    ].join(','),
  );
  const users: UserRecord[] = [];
  for (let after: string | undefined; ; ) {
    const page = await r.listUsers(accountId, after === undefined ? { limit: 500 } : { after, limit: 500 });
    users.push(...page);
    if (page.length < 500) break;
    after = page[page.length - 1]!.userName.toLowerCase();
  }
  for (const u of users) {
    const profile = await r.getLoginProfile(u.userId);
    const state = profile ? await readPasswordState(r, u.userId) : undefined;
    const changed = profile ? (state ? new Date(state.changedAt) : profile.createDate) : undefined;
    const expiry = changed ? passwordExpiry(policy, changed) : undefined;
    const keys = await keysOf(r, accountId, u.userId);
    const certs = await certsOf(r, accountId, u.userId);
    lines.push(
      [
        u.userName,
        iamArn(u.partition, accountId, 'user', u.path, u.userName),
        reportTime(u.createDate),
        bool(profile !== undefined),
        profile ? (u.passwordLastUsed ? reportTime(u.passwordLastUsed) : 'no_information') : 'N/A',
        changed ? reportTime(changed) : 'N/A',
        expiry ? reportTime(expiry) : 'N/A',
        bool(mfaUsers.has(u.userId)),
        ...keyColumns(keys[0]),
        ...keyColumns(keys[1]),
        ...certColumns(certs[0]),
        ...certColumns(certs[1]),
      ].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** GenerateCredentialReport and GetCredentialReport (generation is synchronous; the states are kept). */
export function credentialReportOperations(core: ServiceCore) {
  return {
    async generateCredentialReport(ctx: RequestContext, _input: object): Promise<S.GenerateCredentialReportOutput> {
      const now = core.clock.now();
      const existing = await core.store.getSecurityItem('credential-report', ctx.accountId);
      if (existing) {
        const body = JSON.parse(existing.body) as ReportBody;
        if (body.state === 'COMPLETE' && now.getTime() - Date.parse(body.generatedAt) < REPORT_LIFETIME_MS)
          return { State: 'COMPLETE' };
      }
      const started: ReportBody = { state: 'STARTED', generatedAt: now.toISOString() };
      await write(core, ctx, async (tx) => {
        if (await tx.getSecurityItem('credential-report', ctx.accountId))
          await tx.updateSecurityItem('credential-report', ctx.accountId, { body: JSON.stringify(started) });
        else
          await tx.insertSecurityItem(
            { kind: 'credential-report', itemId: ctx.accountId, accountId: ctx.accountId, userId: null, name: 'credential-report', createDate: now, body: JSON.stringify(started) },
            'A credential report is already being generated.',
          );
      });
      const csv = await buildCredentialReport(core.store, ctx.accountId);
      const done: ReportBody = { state: 'COMPLETE', generatedAt: now.toISOString(), content: Buffer.from(csv).toString('base64') };
      await core.store.transaction((tx) => tx.updateSecurityItem('credential-report', ctx.accountId, { body: JSON.stringify(done) }));
      return { State: 'STARTED', Description: 'No report exists. Starting a new report generation task' };
    },

    async getCredentialReport(ctx: RequestContext, _input: object): Promise<S.GetCredentialReportOutput> {
      const item = await core.store.getSecurityItem('credential-report', ctx.accountId);
      if (!item) throw new IamError('ReportNotPresent', 'Credential report not present. Use GenerateCredentialReport to generate one.');
      const body = JSON.parse(item.body) as ReportBody;
      if (body.state !== 'COMPLETE' || body.content === undefined)
        throw new IamError('ReportInProgress', 'Credential report is still being generated.');
      const generated = new Date(body.generatedAt);
      if (core.clock.now().getTime() - generated.getTime() >= REPORT_LIFETIME_MS)
        throw new IamError('ReportExpired', 'Credential report expired. Use GenerateCredentialReport to generate a new one.');
      return { Content: body.content, ReportFormat: 'text/csv', GeneratedTime: generated };
    },
  };
}
