import assert from 'node:assert/strict';
import fc from 'fast-check';
import { test } from 'node:test';
import { isIamError, newAccessKeyId } from '../shared/index.ts';
import type { SessionFacts } from './session-facts.ts';
import { createSessionTokenCodec, deriveSessionTokenKey } from './session-token.ts';
import { A, MASTER_KEY } from './sts-fixture.ts';

const codec = createSessionTokenCodec(MASTER_KEY);
const issuedAt = Date.parse('2026-11-22T12:00:00Z');
const keyId = newAccessKeyId('ASIA', A);

function facts(principal: SessionFacts['principal'], extra: Partial<SessionFacts> = {}): SessionFacts {
  return {
    accountId: A,
    partition: 'aws',
    accessKeyId: keyId,
    secretAccessKey: 'secret/secret/secret/secret/secret/secre',
    principal,
    tags: {},
    transitiveTagKeys: [],
    issuedAt,
    expiresAt: issuedAt + 3600_000,
    chained: false,
    ...extra,
  };
}

const roleSession = facts(
  {
    kind: 'role-session',
    roleArn: `arn:aws:iam::${A}:role/team/deploy`,
    roleId: 'AROAEXAMPLEEXAMPLE123',
    roleName: 'deploy',
    sessionName: 'ci@build-42',
  },
  {
    sessionPolicies: {
      inline: '{"Version":"2012-10-17","Statement":[]}',
      managedArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
    },
    tags: { team: 'payments', Project: 'x' },
    transitiveTagKeys: ['team'],
    sourceIdentity: 'alice',
    mfaAuthenticatedAt: issuedAt - 60_000,
    chained: true,
  },
);

const roundTrips: [string, SessionFacts][] = [
  ['a role session with every optional fact', roleSession],
  [
    'a bare role session',
    facts({
      kind: 'role-session',
      roleArn: `arn:aws:iam::${A}:role/r`,
      roleId: 'AROAX',
      roleName: 'r',
      sessionName: 's1',
    }),
  ],
  [
    'a federated user called by a user',
    facts(
      { kind: 'federated-user', name: 'bob', callerArn: `arn:aws:iam::${A}:user/alice`, callerUserName: 'alice' },
      { sessionPolicies: { managedArns: [] }, tags: { k: '' } },
    ),
  ],
  [
    'a federated user called by root',
    facts({ kind: 'federated-user', name: 'bob', callerArn: `arn:aws:iam::${A}:root` }),
  ],
  [
    'a user session',
    facts({ kind: 'user', userArn: `arn:aws:iam::${A}:user/a/alice`, userId: 'AIDAALICE', userName: 'alice' }),
  ],
  ['a root session', facts({ kind: 'root' })],
  [
    'a console sign-in session',
    facts({ kind: 'user', userArn: `arn:aws:iam::${A}:user/alice`, userId: 'AIDAALICE', userName: 'alice' }, { console: true }),
  ],
];

for (const [name, f] of roundTrips) {
  test(`round trip keeps every fact: ${name}`, () => {
    const token = codec.seal(f);
    assert.match(token, /^[A-Za-z0-9_-]+$/);
    assert.deepEqual(codec.open(token, keyId, new Date(issuedAt + 1000)), f);
  });
}

test('two seals of the same facts differ (fresh IV) and both open', () => {
  const [t1, t2] = [codec.seal(roleSession), codec.seal(roleSession)];
  assert.notEqual(t1, t2);
  assert.deepEqual(codec.open(t2, keyId, new Date(issuedAt)), roleSession);
});

test('a typical role session token stays compact (under 600 characters)', () => {
  const size = codec.seal(roleSession).length;
  assert.ok(size < 600, `token is ${size} characters`);
});

function invalidCode(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    assert.ok(isIamError(e), `not an IamError: ${String(e)}`);
    return `${e.code}: ${e.message}`;
  }
  return 'opened';
}

const INVALID = 'InvalidClientTokenId: The security token included in the request is invalid.';
const good = codec.seal(roleSession);
const raw = Buffer.from(good, 'base64url');
const flipped = (at: number) => {
  const copy = Buffer.from(raw);
  copy[at] = copy[at]! ^ 0x01;
  return copy.toString('base64url');
};

const rejections: [string, () => unknown, string][] = [
  ['a flipped version byte is invalid', () => codec.open(flipped(0), keyId, new Date(issuedAt)), INVALID],
  ['a flipped IV byte is invalid', () => codec.open(flipped(5), keyId, new Date(issuedAt)), INVALID],
  ['a flipped ciphertext byte is invalid', () => codec.open(flipped(30), keyId, new Date(issuedAt)), INVALID],
  ['a flipped tag byte is invalid', () => codec.open(flipped(raw.length - 1), keyId, new Date(issuedAt)), INVALID],
  ['a truncated token is invalid', () => codec.open(good.slice(0, 40), keyId, new Date(issuedAt)), INVALID],
  ['an empty token is invalid', () => codec.open('', keyId, new Date(issuedAt)), INVALID],
  ['a token with foreign characters is invalid', () => codec.open(`${good}==`, keyId, new Date(issuedAt)), INVALID],
  [
    'an AWS-looking token is invalid',
    () => codec.open('IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJH', keyId, new Date(issuedAt)),
    INVALID,
  ],
  ['an oversized token is invalid', () => codec.open('A'.repeat(20_000), keyId, new Date(issuedAt)), INVALID],
  [
    'a token presented with another access key id is invalid',
    () => codec.open(good, newAccessKeyId('ASIA', A), new Date(issuedAt)),
    INVALID,
  ],
  [
    'a token sealed under another master key is invalid',
    () => createSessionTokenCodec(Buffer.alloc(32, 8)).open(good, keyId, new Date(issuedAt)),
    INVALID,
  ],
  [
    'a token at its expiration instant is expired',
    () => codec.open(good, keyId, new Date(roleSession.expiresAt)),
    'ExpiredToken: The security token included in the request is expired',
  ],
  [
    'a token after its expiration is expired',
    () => codec.open(good, keyId, new Date(roleSession.expiresAt + 86_400_000)),
    'ExpiredToken: The security token included in the request is expired',
  ],
];

for (const [name, fn, expected] of rejections) {
  test(name, () => assert.equal(invalidCode(fn), expected));
}

test('an expired token with a bad MAC is reported invalid, not expired', () => {
  assert.equal(
    invalidCode(() => codec.open(flipped(30), keyId, new Date(roleSession.expiresAt + 1))),
    INVALID,
  );
});

test('the token key is derived, never the master key itself, and differs per master key', () => {
  const k1 = deriveSessionTokenKey(MASTER_KEY);
  assert.equal(k1.length, 32);
  assert.notDeepEqual(k1, MASTER_KEY);
  assert.notDeepEqual(k1, deriveSessionTokenKey(Buffer.alloc(32, 8)));
  assert.throws(() => deriveSessionTokenKey(Buffer.alloc(16)), /32 bytes/);
});

test('any single changed byte of a token fails as InvalidClientTokenId (property)', () => {
  const token = codec.seal(roleSession);
  const bytes = Buffer.from(token, 'base64url');
  fc.assert(
    fc.property(fc.nat({ max: bytes.length - 1 }), fc.integer({ min: 1, max: 255 }), (at, xor) => {
      const copy = Buffer.from(bytes);
      copy[at] = copy[at]! ^ xor;
      assert.equal(
        invalidCode(() => codec.open(copy.toString('base64url'), keyId, new Date(issuedAt))),
        INVALID,
      );
    }),
    { numRuns: 300 },
  );
});

test('opened facts are frozen, so the open cache cannot be changed by a caller', () => {
  const token = codec.seal(roleSession);
  const opened = codec.open(token, keyId, new Date(issuedAt));
  assert.throws(() => {
    (opened.tags as Record<string, string>).team = 'other';
  }, TypeError);
  assert.equal(codec.open(token, keyId, new Date(issuedAt)).tags.team, 'payments');
});
