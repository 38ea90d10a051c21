import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IamError, ManualClock } from '../../shared/index.ts';
import { signWithSdk } from '../../sigv4/test-signer.ts';
import { createSessionTokenCodec, createStsService, getSessionToken } from '../../sts/index.ts';
import { type AuthenticatedRequest, carriesSessionToken, SessionAuthenticator } from './session-authenticator.ts';

const ACCOUNT = '123456789012';
const clock = new ManualClock('2026-11-22T12:00:00Z');
const deps = {
  roles: { getTrustPolicy: async () => undefined },
  policies: { load: async () => undefined },
  managedPolicies: { documentOf: async () => undefined },
  tokens: createSessionTokenCodec(Buffer.alloc(32, 9)),
  clock,
};
const sts = createStsService(deps);
const LONG_TERM: AuthenticatedRequest = {
  accountId: ACCOUNT,
  region: 'us-east-1',
  service: 'iam',
  caller: { type: 'root', accountId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:root`, userId: ACCOUNT },
};
const authenticator = new SessionAuthenticator({ longTerm: { authenticate: async () => LONG_TERM }, sts, clock });

async function rootSession() {
  const { Credentials } = await getSessionToken(deps, { type: 'root', accountId: ACCOUNT, partition: 'aws' }, {});
  return Credentials;
}

const sign = (c: { AccessKeyId: string; SecretAccessKey: string; SessionToken: string }, presign = false) =>
  signWithSdk({
    body: 'Action=ListUsers&Version=2010-05-08',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    accessKeyId: c.AccessKeyId,
    secretAccessKey: c.SecretAccessKey,
    sessionToken: c.SessionToken,
    signingDate: clock.now(),
    ...(presign ? { presignExpiresIn: 300 } : {}),
  });

const code = (e: unknown) => (e instanceof IamError ? e.code : String(e));

test('a request signed with session credentials (header or presigned) is the session, with its facts', async () => {
  const c = await rootSession();
  for (const presign of [false, true]) {
    const req = await sign(c, presign);
    assert.ok(carriesSessionToken(req));
    const auth = await authenticator.authenticate(req);
    assert.equal(auth.session?.accessKeyId, c.AccessKeyId, `presign ${presign}`);
    assert.deepEqual(auth.caller, LONG_TERM.caller);
    assert.equal(auth.service, 'iam');
  }
});

test('a request without a session token goes to the long-term authenticator', async () => {
  const req = await signWithSdk({ body: 'Action=ListUsers&Version=2010-05-08', signingDate: clock.now() });
  assert.equal(carriesSessionToken(req), false);
  assert.equal(await authenticator.authenticate(req), LONG_TERM);
});

test('wrong secret, tampered token, other key id and expiry each get their AWS code', async () => {
  const c = await rootSession();
  const other = await rootSession();
  const t = c.SessionToken;
  const cases: [string, () => Promise<unknown>, string][] = [
    ['wrong secret', async () => sign({ ...c, SecretAccessKey: other.SecretAccessKey }), 'SignatureDoesNotMatch'],
    ['tampered token', async () => sign({ ...c, SessionToken: `${t.slice(0, 30)}${t[30] === 'A' ? 'B' : 'A'}${t.slice(31)}` }), 'InvalidClientTokenId'],
    ['token of another key', async () => sign({ ...c, SessionToken: other.SessionToken }), 'InvalidClientTokenId'],
    ['garbage token', async () => sign({ ...c, SessionToken: 'not-a-token' }), 'InvalidClientTokenId'],
  ];
  for (const [name, make, expected] of cases) {
    const req = (await make()) as Awaited<ReturnType<typeof sign>>;
    await assert.rejects(authenticator.authenticate(req), (e: unknown) => code(e) === expected, name);
  }
  const later = new ManualClock(new Date(clock.now().getTime() + 13 * 3600 * 1000));
  const expiredSts = createStsService({ ...deps, clock: later });
  const lateAuth = new SessionAuthenticator({ longTerm: { authenticate: async () => LONG_TERM }, sts: expiredSts, clock: later });
  const req = await signWithSdk({
    body: 'Action=ListUsers&Version=2010-05-08',
    accessKeyId: c.AccessKeyId,
    secretAccessKey: c.SecretAccessKey,
    sessionToken: c.SessionToken,
    signingDate: later.now(),
  });
  await assert.rejects(lateAuth.authenticate(req), (e: unknown) => code(e) === 'ExpiredToken');
});
