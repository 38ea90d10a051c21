/**
 * Console sign-in over HTTP (`POST /v1/sign-in`), end to end: users and login profiles made with
 * @aws-sdk/client-iam, sign-in with fetch, and the returned session used with client-iam and client-sts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  ChangePasswordCommand,
  CreateLoginProfileCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  GetUserCommand,
  type IAMClient,
  PutUserPolicyCommand,
  UpdateLoginProfileCommand,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, GetSessionTokenCommand } from '@aws-sdk/client-sts';
import { HOTP, Secret } from 'otpauth';
import { ManualClock } from '../../src/shared/index.ts';
import { type Credentials, rejection, startTestServer, type TestServer } from './harness.ts';

/** The TOTP code of `seed` at the 30-second step containing `at`. */
function code(seed: string, at: Date): string {
  return HOTP.generate({ secret: Secret.fromBase32(seed), algorithm: 'SHA1', digits: 6, counter: Math.floor(at.getTime() / 30_000) });
}

type Answer = { status: number; headers: Headers; body: Record<string, unknown> };

const SELF_SERVICE = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['iam:GetUser', 'iam:ChangePassword'], Resource: 'arn:aws:iam::*:user/${aws:username}' }],
});

describe('POST /v1/sign-in', () => {
  const clock = new ManualClock(new Date());
  let t: TestServer;
  let root: IAMClient;
  let offset: number;
  let ip = 0;
  /** Each call from its own source address unless given, so the per-source limit only bites where a test wants it. */
  const signIn = async (body: unknown, raw?: string, from = `203.0.113.${++ip}`): Promise<Answer> => {
    const res = await fetch(`${t.url}/v1/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
      body: raw ?? JSON.stringify(body),
    });
    return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
  };
  const session = (a: Answer): Credentials => {
    const c = a.body['credentials'] as { accessKeyId: string; secretAccessKey: string; sessionToken: string };
    return { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken };
  };
  const userWithPassword = async (name: string, password: string, resetRequired = false) => {
    await root.send(new CreateUserCommand({ UserName: name }));
    await root.send(new CreateLoginProfileCommand({ UserName: name, Password: password, PasswordResetRequired: resetRequired }));
    await root.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'self-service', PolicyDocument: SELF_SERVICE }));
  };

  before(async () => {
    t = await startTestServer({ clock, trustProxy: true });
    root = t.iam();
    offset = clock.now().getTime() - Date.now();
  });
  after(() => t.close());

  test('a user made with the SDK signs in; the session is the user (GetCallerIdentity) and calls IAM by policy, without MFA', async () => {
    await userWithPassword('alice', 'alice-Password1');
    const a = await signIn({ account: t.server.accountId, userName: 'alice', password: 'alice-Password1' });
    assert.equal(a.status, 200, JSON.stringify(a.body));
    assert.equal(a.headers.get('cache-control'), 'no-store');
    assert.equal(a.body['arn'], `arn:aws:iam::${t.server.accountId}:user/alice`);
    assert.deepEqual([a.body['principalType'], a.body['mfaAuthenticated'], a.body['passwordChanged']], ['user', false, false]);
    const c = session(a);
    assert.match(c.accessKeyId, /^ASIA/);
    const expiration = Date.parse((a.body['credentials'] as { expiration: string }).expiration);
    // Sessions are issued in whole seconds (as aws:TokenIssueTime is): one hour from the sign-in's second.
    assert.equal(expiration, Math.floor(clock.now().getTime() / 1000) * 1000 + 3600_000);
    const who = await t.sts({ credentials: c, systemClockOffset: offset }).send(new GetCallerIdentityCommand({}));
    assert.equal(who.Arn, a.body['arn']);
    // Unlike a GetSessionToken session, a console session calls IAM without MFA, decided by the user's policies:
    // alice has none, so GetUser on someone else is denied by policy (not refused as an unknown token).
    const iam = t.iam({ credentials: c, systemClockOffset: offset });
    const denied = await rejection(iam.send(new GetUserCommand({ UserName: 'nobody-else' })));
    assert.equal(denied.name, 'AccessDenied');
    // STS stays limited as for GetSessionToken: GetSessionToken itself is refused.
    const sts = await rejection(t.sts({ credentials: c, systemClockOffset: offset }).send(new GetSessionTokenCommand({})));
    assert.equal(sts.name, 'AccessDenied');
    const user = await root.send(new GetUserCommand({ UserName: 'alice' }));
    assert.equal(user.User?.PasswordLastUsed?.getTime(), Math.floor(clock.now().getTime() / 1000) * 1000);
  });

  test('with MFA the session carries MFA and may call GetUser and ChangePassword; the new password signs in', async () => {
    await userWithPassword('mfa-user', 'mfa-Password1');
    const { VirtualMFADevice } = await root.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'mfa-user' }));
    const seed = Buffer.from(VirtualMFADevice!.Base32StringSeed!).toString('utf8');
    const serial = VirtualMFADevice!.SerialNumber!;
    await root.send(
      new EnableMFADeviceCommand({
        UserName: 'mfa-user',
        SerialNumber: serial,
        AuthenticationCode1: code(seed, new Date(clock.now().getTime() - 30_000)),
        AuthenticationCode2: code(seed, clock.now()),
      }),
    );
    const noCode = await signIn({ account: t.server.accountId, userName: 'mfa-user', password: 'mfa-Password1' });
    assert.equal(noCode.status, 401);
    clock.advance(30_000);
    const a = await signIn({ account: t.server.accountId, userName: 'mfa-user', password: 'mfa-Password1', mfaCode: code(seed, clock.now()) });
    assert.equal(a.status, 200, JSON.stringify(a.body));
    assert.equal(a.body['mfaAuthenticated'], true);
    const iam = t.iam({ credentials: session(a), systemClockOffset: offset });
    assert.equal((await iam.send(new GetUserCommand({}))).User?.UserName, 'mfa-user');
    await iam.send(new ChangePasswordCommand({ OldPassword: 'mfa-Password1', NewPassword: 'mfa-Password2' }));
    clock.advance(30_000);
    const again = await signIn({ account: t.server.accountId, userName: 'mfa-user', password: 'mfa-Password2', mfaCode: code(seed, clock.now()) });
    assert.equal(again.status, 200, JSON.stringify(again.body));
  });

  test('every failure is the same 401 body; too many failures are 429', async () => {
    await userWithPassword('bob', 'bob-Password1');
    const bodies = new Set<string>();
    for (const body of [
      { account: t.server.accountId, userName: 'bob', password: 'wrong' },
      { account: t.server.accountId, userName: 'nobody', password: 'wrong' },
      { account: '999999999999', userName: 'bob', password: 'bob-Password1' },
      { email: 'nobody@example.com', password: 'x' },
    ]) {
      const a = await signIn(body);
      assert.equal(a.status, 401, JSON.stringify(a.body));
      const { requestId, ...rest } = a.body['error'] as Record<string, unknown>;
      assert.ok(requestId);
      bodies.add(JSON.stringify(rest));
    }
    assert.deepEqual([...bodies], [JSON.stringify({ code: 'AccessDenied', message: 'Your authentication information is incorrect. Please try again.', subject: 'caller' })]);
    for (let i = 0; i < 4; i++) await signIn({ account: t.server.accountId, userName: 'bob', password: 'wrong' });
    const throttled = await signIn({ account: t.server.accountId, userName: 'bob', password: 'bob-Password1' });
    assert.equal(throttled.status, 429);
    assert.equal((throttled.body['error'] as { code: string }).code, 'Throttling');
  });

  test('a password that must be reset: 403 PasswordChangeRequired, then newPassword signs in', async () => {
    await userWithPassword('carol', 'carol-Password1', true);
    const first = await signIn({ account: t.server.accountId, userName: 'carol', password: 'carol-Password1' });
    assert.equal(first.status, 403);
    assert.equal((first.body['error'] as { code: string }).code, 'PasswordChangeRequired');
    assert.equal(first.body['credentials'], undefined);
    const changed = await signIn({ account: t.server.accountId, userName: 'carol', password: 'carol-Password1', newPassword: 'carol-Password2' });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    assert.equal(changed.body['passwordChanged'], true);
    await root.send(new UpdateLoginProfileCommand({ UserName: 'carol', PasswordResetRequired: false }));
  });

  test('root signs in with its e-mail address and gets a root session', async () => {
    await t.server.services.accounts.setRootEmail(t.server.accountId, 'owner@example.com');
    await t.server.services.accounts.setRootPassword(t.server.accountId, 'root-Password1');
    const a = await signIn({ email: 'OWNER@example.com', password: 'root-Password1' });
    assert.equal(a.status, 200, JSON.stringify(a.body));
    assert.equal(a.body['principalType'], 'root');
    const who = await t.sts({ credentials: session(a), systemClockOffset: offset }).send(new GetCallerIdentityCommand({}));
    assert.equal(who.Arn, `arn:aws:iam::${t.server.accountId}:root`);
  });

  test('bad input: AWS-shaped 400s, never echoing a password; the OpenAPI document lists the path', async () => {
    const cases: [unknown, string | undefined, RegExp][] = [
      [undefined, '{not json', /not valid JSON/],
      [{ account: '123456789012', userName: 'x' }, undefined, /password/],
      [{ account: '123456789012', userName: 'x', password: 'p4ssw0rd-secret', extra: 1 }, undefined, /extra|Unrecognized/i],
      [{ email: 'a@b.c', password: 42 }, undefined, /password/],
      [[1, 2], undefined, /body|expected object/i],
    ];
    for (const [body, raw, message] of cases) {
      const a = await signIn(body, raw);
      assert.equal(a.status, 400, JSON.stringify(a.body));
      const error = a.body['error'] as { code: string; message: string };
      assert.equal(error.code, 'ValidationError');
      assert.match(error.message, message);
      assert.doesNotMatch(error.message, /p4ssw0rd-secret/);
    }
    const huge = await signIn(undefined, JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(20_000) }));
    assert.equal(huge.status, 413);
    assert.equal((huge.body['error'] as { code: string }).code, 'ValidationError');
    const doc = (await (await fetch(`${t.url}/v1/openapi.json`)).json()) as { paths: Record<string, unknown> };
    assert.ok(doc.paths['/v1/sign-in']);
  });
});
