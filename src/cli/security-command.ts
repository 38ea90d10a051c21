import type { Command } from 'commander';
import { createIamdClient, IamdApiError, type SecurityStatus } from '../client/index.ts';

type StatusFlags = { endpointUrl?: string; region?: string; json?: boolean };

/** Text form: one line per check, then the failing principals and the fix under each failed check. */
export function formatSecurityStatus(report: SecurityStatus): string {
  const lines = [`account ${report.accountId} security status at ${report.checkedAt}`];
  for (const check of report.checks) {
    lines.push(`${check.status === 'pass' ? 'PASS' : 'FAIL'}  ${check.title} (${check.id})`);
    if (check.status === 'fail') {
      for (const arn of check.failing) lines.push(`      failing: ${arn}`);
      lines.push(`      fix: ${check.fix}`);
    }
  }
  const passed = report.checks.filter((c) => c.status === 'pass').length;
  lines.push(`${passed} of ${report.checks.length} checks pass`);
  return `${lines.join('\n')}\n`;
}

/**
 * `iamd security status`: a client of the authorize API's `/v1/security/status`, signed with the caller's
 * credentials from the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, optional AWS_SESSION_TOKEN).
 * Exit 0 when every check passes, 1 when one fails, 2 when the status cannot be read.
 */
async function securityStatus(flags: StatusFlags): Promise<void> {
  const accessKeyId = process.env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = process.env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) {
    process.stderr.write('iamd: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY to the credentials to ask with\n');
    process.exitCode = 2;
    return;
  }
  const sessionToken = process.env.AWS_SESSION_TOKEN;
  const client = createIamdClient({
    endpoint: flags.endpointUrl ?? process.env.AWS_ENDPOINT_URL ?? 'http://127.0.0.1:4599',
    region: flags.region ?? process.env.AWS_REGION ?? 'us-east-1',
    credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) },
  });
  try {
    const report = await client.securityStatus();
    process.stdout.write(flags.json ? `${JSON.stringify(report, null, 2)}\n` : formatSecurityStatus(report));
    process.exitCode = report.checks.every((c) => c.status === 'pass') ? 0 : 1;
  } catch (error) {
    const reason = error instanceof IamdApiError ? `${error.code}: ${error.message}` : String(error);
    process.stderr.write(`iamd: cannot read the security status: ${reason}\n`);
    process.exitCode = 2;
  } finally {
    client.close();
  }
}

/** `iamd security status [--json]`. */
export function registerSecurityCommands(program: Command): void {
  program
    .command('security')
    .description('account security')
    .command('status')
    .description("check the caller's account against the classic security checklist (exit 1 if a check fails)")
    .option('--endpoint-url <url>', 'iamd endpoint (env AWS_ENDPOINT_URL, default http://127.0.0.1:4599)')
    .option('--region <region>', 'signing region (env AWS_REGION, default us-east-1)')
    .option('--json', 'print JSON')
    .action((flags: StatusFlags) => securityStatus(flags));
}
