import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Caller, CredentialResolver, ResolvedCredential } from '../../identity/index.ts';
import { IamError, ManualClock } from '../../shared/index.ts';
import { signWithSdk, TEST_ACCESS_KEY_ID, TEST_SECRET_ACCESS_KEY } from '../../sigv4/test-signer.ts';
import { Authenticator } from './authenticator.ts';

const ACCOUNT = '123456789012';
const alice: Caller = {
  type: 'user',
  accountId: ACCOUNT,
  arn: `arn:aws:iam::${ACCOUNT}:user/alice`,
  userId: 'AIDAEXAMPLEEXAMPLE123',
  userName: 'alice',
  path: '/',
};
const signedAt = new Date('2026-11-22T12:00:00Z');

function resolver(status: 'Active' | 'Inactive' = 'Active') {
  const uses: { id: string; service: string; region: string }[] = [];
  const credential: ResolvedCredential = {
    accessKeyId: TEST_ACCESS_KEY_ID,
    secretAccessKey: TEST_SECRET_ACCESS_KEY,
    status,
    accountId: ACCOUNT,
    caller: alice,
  };
  const credentials: CredentialResolver = {
    resolve: async (id) => (id === TEST_ACCESS_KEY_ID ? credential : undefined),
    recordUse: (id, use) => {
      uses.push({ id, service: use.service, region: use.region });
    },
    flush: async () => undefined,
  };
  return { credentials, uses };
}

const sign = (o: { accessKeyId?: string; secretAccessKey?: string; region?: string; service?: string } = {}) =>
  signWithSdk({
    body: 'Action=GetUser&Version=2010-05-08',
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    signingDate: signedAt,
    ...o,
  });

async function failure(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof IamError) return e.code;
    throw e;
  }
  return 'success';
}

test('a valid signature authenticates as the key owner and records the use', async () => {
  const { credentials, uses } = resolver();
  const auth = new Authenticator({ credentials, clock: new ManualClock(signedAt) });
  const who = await auth.authenticate(await sign({ region: 'eu-west-1', service: 'sts' }));
  assert.deepEqual(who, { accountId: ACCOUNT, caller: alice, region: 'eu-west-1', service: 'sts' });
  assert.deepEqual(uses, [{ id: TEST_ACCESS_KEY_ID, service: 'sts', region: 'eu-west-1' }]);
});

type Case = {
  name: string;
  status?: 'Active' | 'Inactive';
  sign?: Parameters<typeof sign>[0];
  /** Minutes between signing and checking. */
  late?: number;
  unsigned?: boolean;
  code: string;
};
const failures: Case[] = [
  {
    name: 'an unknown key is InvalidClientTokenId',
    sign: { accessKeyId: 'AKIAUNKNOWNUNKNOWN00' },
    code: 'InvalidClientTokenId',
  },
  { name: 'an inactive key is InvalidClientTokenId', status: 'Inactive', code: 'InvalidClientTokenId' },
  {
    name: 'a wrong secret is SignatureDoesNotMatch',
    sign: { secretAccessKey: 'x'.repeat(40) },
    code: 'SignatureDoesNotMatch',
  },
  { name: 'a request 16 minutes old is RequestExpired', late: 16, code: 'RequestExpired' },
  { name: 'no signature is MissingAuthenticationToken', unsigned: true, code: 'MissingAuthenticationToken' },
];
for (const c of failures) {
  test(c.name, async () => {
    const clock = new ManualClock(signedAt.getTime() + (c.late ?? 0) * 60_000);
    const auth = new Authenticator({ credentials: resolver(c.status).credentials, clock });
    const req = c.unsigned
      ? { method: 'POST', path: '/', query: '', headers: {}, body: 'Action=GetUser' }
      : await sign(c.sign);
    assert.equal(await failure(auth.authenticate(req)), c.code);
  });
}

test('dev mode: an unknown key is the default account root, unverified; a known key is still verified', async () => {
  const { credentials, uses } = resolver();
  const auth = new Authenticator({ credentials, clock: new ManualClock(signedAt), devAccountId: '000011112222' });
  const who = await auth.authenticate(await sign({ accessKeyId: 'AKIAUNKNOWNUNKNOWN00', secretAccessKey: 'anything' }));
  assert.equal(who.caller.type, 'root');
  assert.equal(who.caller.arn, 'arn:aws:iam::000011112222:root');
  assert.equal(uses.length, 0);
  assert.equal(
    await failure(auth.authenticate(await sign({ secretAccessKey: 'y'.repeat(40) }))),
    'SignatureDoesNotMatch',
  );
});
