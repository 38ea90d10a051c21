/** The security status checklist through the authorize API, the iamd/client package and `iamd security status`. */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreateUserCommand,
  PutUserPolicyCommand,
  UpdateAccountPasswordPolicyCommand,
} from '@aws-sdk/client-iam';
import { createIamdClient, IamdApiError, type SecurityStatus } from '../../src/client/index.ts';
import { type Credentials, type TestServer, startTestServer } from './harness.ts';

/** Runs the CLI without blocking this process, whose event loop serves the test server. */
function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { env }, (error, stdout, stderr) =>
      resolve({ status: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const statusOf = (report: SecurityStatus, id: string) => report.checks.find((c) => c.id === id);

describe('security status', () => {
  let t: TestServer;
  const ask = async (credentials: Credentials) => {
    const client = createIamdClient({ endpoint: t.url, credentials });
    try {
      return await client.securityStatus();
    } finally {
      client.close();
    }
  };

  before(async () => {
    t = await startTestServer();
  });
  after(async () => t.close());

  it('a fresh account fails the checks a new AWS account fails, each with how to fix it', async () => {
    const report = await ask(t.root);
    assert.equal(report.accountId, t.server.accountId);
    assert.equal(report.checks.length, 7);
    for (const id of ['root-mfa', 'root-access-keys', 'iam-users', 'password-policy']) {
      assert.equal(statusOf(report, id)?.status, 'fail', id);
      assert.ok((statusOf(report, id)?.fix ?? '').length > 0, `${id} says how to fix it`);
    }
    assert.deepEqual(statusOf(report, 'root-access-keys')?.failing, [`arn:aws:iam::${t.server.accountId}:root`]);
  });

  it('checks flip from fail to pass as each fix is applied, and a user with its own policy is named', async () => {
    const iam = t.iam();
    await iam.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 14, RequireSymbols: true }));
    await iam.send(new CreateUserCommand({ UserName: 'admin' }));
    await iam.send(new CreateGroupCommand({ GroupName: 'admins' }));
    await iam.send(new AddUserToGroupCommand({ GroupName: 'admins', UserName: 'admin' }));
    await iam.send(
      new AttachGroupPolicyCommand({ GroupName: 'admins', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }),
    );
    let report = await ask(t.root);
    assert.equal(statusOf(report, 'password-policy')?.status, 'pass');
    assert.equal(statusOf(report, 'iam-users')?.status, 'pass');
    assert.equal(statusOf(report, 'groups-for-permissions')?.status, 'pass');

    await iam.send(new CreateUserCommand({ UserName: 'loner' }));
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'loner',
        PolicyName: 'own',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'iamd:GetSecurityStatus', Resource: '*' }],
        }),
      }),
    );
    report = await ask(t.root);
    const groups = statusOf(report, 'groups-for-permissions');
    assert.equal(groups?.status, 'fail');
    assert.deepEqual(groups?.failing, [`arn:aws:iam::${t.server.accountId}:user/loner`]);
  });

  it('needs iamd:GetSecurityStatus: a user without it is denied with the AWS message, one with it is answered', async () => {
    const iam = t.iam();
    await iam.send(new CreateUserCommand({ UserName: 'nobody' }));
    const made = await iam.send(new CreateAccessKeyCommand({ UserName: 'nobody' }));
    const nobody = { accessKeyId: made.AccessKey!.AccessKeyId!, secretAccessKey: made.AccessKey!.SecretAccessKey! };
    await assert.rejects(ask(nobody), (error: unknown) => {
      assert.ok(error instanceof IamdApiError);
      assert.equal(error.code, 'AccessDenied');
      assert.match(error.message, /is not authorized to perform: iamd:GetSecurityStatus on resource: \*/);
      return true;
    });
    const policy = await iam.send(
      new CreatePolicyCommand({
        PolicyName: 'read-security-status',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'iamd:GetSecurityStatus', Resource: '*' }],
        }),
      }),
    );
    await iam.send(new CreateGroupCommand({ GroupName: 'auditors' }));
    await iam.send(new AttachGroupPolicyCommand({ GroupName: 'auditors', PolicyArn: policy.Policy!.Arn! }));
    await iam.send(new AddUserToGroupCommand({ GroupName: 'auditors', UserName: 'nobody' }));
    const report = await ask(nobody);
    assert.equal(report.accountId, t.server.accountId);
  });

  it('iamd security status prints the checklist and exits 1 while a check fails', async () => {
    const env = {
      ...process.env,
      AWS_ACCESS_KEY_ID: t.root.accessKeyId,
      AWS_SECRET_ACCESS_KEY: t.root.secretAccessKey,
    };
    const text = await runCli(['security', 'status', '--endpoint-url', t.url], env);
    assert.equal(text.status, 1, text.stderr);
    assert.match(text.stdout, /^FAIL {2}.*\(root-mfa\)$/m);
    assert.match(text.stdout, /^PASS {2}.*\(password-policy\)$/m);
    assert.match(text.stdout, /^\d of 7 checks pass$/m);
    const json = await runCli(['security', 'status', '--json', '--endpoint-url', t.url], env);
    assert.equal(json.status, 1, json.stderr);
    assert.equal((JSON.parse(json.stdout) as SecurityStatus).checks.length, 7);
  });
});
