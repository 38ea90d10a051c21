import { randomBytes } from 'node:crypto';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type AssumeRoleInput, assumeRole, MAX_SESSION_MESSAGE } from './assume-role.ts';
import { A, B, allow, deny, failure, MFA_CODE, MFA_SERIAL, StsWorld, trust } from './sts-fixture.ts';

const ROLE = `arn:aws:iam::${A}:role/deploy`;
const X_ROLE = `arn:aws:iam::${B}:role/deploy`;
const ALICE = `arn:aws:iam::${A}:user/alice`;

/** One trust scenario: the role's trust, alice's identity policies, the role's account; the expected outcome. */
interface TrustCase {
  name: string;
  roleAccount: string;
  trust: string;
  alicePolicies: string[];
  expect: 'allowed' | 'denied';
}

const trustCases: TrustCase[] = [
  {
    name: 'same account, trust names the user, no identity allow: allowed (item 108)',
    roleAccount: A,
    trust: trust(ALICE),
    alicePolicies: [],
    expect: 'allowed',
  },
  {
    name: 'same account, trust names the account, no identity allow: denied',
    roleAccount: A,
    trust: trust(`arn:aws:iam::${A}:root`),
    alicePolicies: [],
    expect: 'denied',
  },
  {
    name: 'same account, trust names the account, identity allows: allowed',
    roleAccount: A,
    trust: trust(A),
    alicePolicies: [allow('sts:AssumeRole', ROLE)],
    expect: 'allowed',
  },
  {
    name: 'same account, identity allows but trust names someone else: denied',
    roleAccount: A,
    trust: trust(`arn:aws:iam::${A}:user/bob`),
    alicePolicies: [allow('sts:AssumeRole')],
    expect: 'denied',
  },
  {
    name: 'same account, trust names the user but identity explicitly denies: denied',
    roleAccount: A,
    trust: trust(ALICE),
    alicePolicies: [deny('sts:AssumeRole')],
    expect: 'denied',
  },
  {
    name: 'same account, trust allows the account but denies the user explicitly: denied',
    roleAccount: A,
    trust: JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { AWS: A }, Action: 'sts:AssumeRole' },
        { Effect: 'Deny', Principal: { AWS: ALICE }, Action: 'sts:AssumeRole' },
      ],
    }),
    alicePolicies: [allow('sts:AssumeRole')],
    expect: 'denied',
  },
  {
    name: 'cross-account, trust names the user, no identity allow: denied (both sides needed)',
    roleAccount: B,
    trust: trust(ALICE),
    alicePolicies: [],
    expect: 'denied',
  },
  {
    name: 'cross-account, trust names the user, identity allows: allowed',
    roleAccount: B,
    trust: trust(ALICE),
    alicePolicies: [allow('sts:AssumeRole', X_ROLE)],
    expect: 'allowed',
  },
  {
    name: 'cross-account, trust names the account, identity allows: allowed',
    roleAccount: B,
    trust: trust(`arn:aws:iam::${A}:root`),
    alicePolicies: [allow('sts:AssumeRole', X_ROLE)],
    expect: 'allowed',
  },
  {
    name: 'cross-account, identity allows another role only: denied',
    roleAccount: B,
    trust: trust(A),
    alicePolicies: [allow('sts:AssumeRole', `arn:aws:iam::${B}:role/other`)],
    expect: 'denied',
  },
  {
    name: 'cross-account, trust does not name the caller: denied',
    roleAccount: B,
    trust: trust(`arn:aws:iam::333333333333:root`),
    alicePolicies: [allow('sts:AssumeRole')],
    expect: 'denied',
  },
];

for (const c of trustCases) {
  test(`trust: ${c.name}`, async () => {
    const w = new StsWorld();
    w.users.set(`${A}/alice`, { policies: c.alicePolicies });
    w.roles.set(`${c.roleAccount}/deploy`, { trust: c.trust });
    const roleArn = w.roleArn(c.roleAccount, 'deploy');
    const input = { RoleArn: roleArn, RoleSessionName: 's1' };
    if (c.expect === 'allowed') {
      const out = await assumeRole(w.deps, w.user(), input);
      assert.equal(out.AssumedRoleUser.Arn, `arn:aws:sts::${c.roleAccount}:assumed-role/deploy/s1`);
      assert.match(out.AssumedRoleUser.AssumedRoleId, /^AROA.*:s1$/);
      assert.match(out.Credentials.AccessKeyId, /^ASIA[A-Z2-7]{16}$/);
      assert.equal(out.Credentials.SecretAccessKey.length, 40);
      assert.equal(out.Credentials.Expiration.toISOString(), '2026-11-22T13:00:00.000Z');
      assert.equal(out.PackedPolicySize, undefined);
    } else {
      assert.deepEqual(await failure(() => assumeRole(w.deps, w.user(), input)), {
        code: 'AccessDenied',
        message: `User: ${ALICE} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
      });
    }
  });
}

function world(trustDoc = trust(ALICE), role: { maxSessionDuration?: number; tags?: Record<string, string> } = {}) {
  const w = new StsWorld();
  w.users.set(`${A}/alice`, { policies: [] });
  w.roles.set(`${A}/deploy`, { trust: trustDoc, ...role });
  return w;
}

test('a role that does not exist is denied with the same message as a refused trust', async () => {
  const w = world();
  const arn = `arn:aws:iam::${A}:role/nope`;
  assert.deepEqual(await failure(() => assumeRole(w.deps, w.user(), { RoleArn: arn, RoleSessionName: 's1' })), {
    code: 'AccessDenied',
    message: `User: ${ALICE} is not authorized to perform: sts:AssumeRole on resource: ${arn}`,
  });
});

test('a role ARN with the wrong path is denied; the name matches case-insensitively', async () => {
  const w = world();
  const wrongPath = `arn:aws:iam::${A}:role/team/deploy`;
  assert.equal(
    (await failure(() => assumeRole(w.deps, w.user(), { RoleArn: wrongPath, RoleSessionName: 's1' }))).code,
    'AccessDenied',
  );
  const out = await assumeRole(w.deps, w.user(), { RoleArn: `arn:aws:iam::${A}:role/DEPLOY`, RoleSessionName: 's1' });
  assert.equal(out.AssumedRoleUser.Arn, `arn:aws:sts::${A}:assumed-role/deploy/s1`);
});

test('the root user may not assume roles', async () => {
  const w = world(trust(A));
  assert.deepEqual(await failure(() => assumeRole(w.deps, w.root(), { RoleArn: ROLE, RoleSessionName: 's1' })), {
    code: 'AccessDenied',
    message: 'Roles may not be assumed by root accounts.',
  });
});

test('a role ARN that is not an IAM role ARN is a ValidationError', async () => {
  const w = world();
  const bad = `arn:aws:iam::${A}:user/alice`;
  assert.equal(
    (await failure(() => assumeRole(w.deps, w.user(), { RoleArn: bad, RoleSessionName: 's1' }))).code,
    'ValidationError',
  );
});

const durationCases: [string, { max?: number; asked?: number }, string | number][] = [
  ['no DurationSeconds gives one hour', {}, 3600],
  ['900 seconds is the minimum accepted', { asked: 900 }, 900],
  ['the role maximum is accepted', { max: 43_200, asked: 43_200 }, 43_200],
  [
    'above the role maximum is a ValidationError',
    { max: 7200, asked: 7201 },
    `ValidationError: ${MAX_SESSION_MESSAGE}`,
  ],
  ['above the default role maximum is a ValidationError', { asked: 3601 }, `ValidationError: ${MAX_SESSION_MESSAGE}`],
  [
    'below 900 is a model ValidationError',
    { asked: 899 },
    "ValidationError: 1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
  ],
  [
    'above 43200 is a model ValidationError',
    { max: 43_200, asked: 43_201 },
    "ValidationError: 1 validation error detected: Value '43201' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 43200",
  ],
];

for (const [name, c, expected] of durationCases) {
  test(`duration: ${name}`, async () => {
    const w = world(trust(ALICE), c.max !== undefined ? { maxSessionDuration: c.max } : {});
    const input = {
      RoleArn: ROLE,
      RoleSessionName: 's1',
      ...(c.asked !== undefined ? { DurationSeconds: c.asked } : {}),
    };
    if (typeof expected === 'number') {
      const out = await assumeRole(w.deps, w.user(), input);
      assert.equal(out.Credentials.Expiration.getTime() - w.clock.now().getTime(), expected * 1000);
    } else {
      const f = await failure(() => assumeRole(w.deps, w.user(), input));
      assert.equal(`${f.code}: ${f.message}`, expected);
    }
  });
}

const tagAndIdentityCases: [string, string[], Partial<AssumeRoleInput>, 'allowed' | string][] = [
  [
    'tags without sts:TagSession in the trust are denied',
    ['sts:AssumeRole'],
    { Tags: [{ Key: 'a', Value: 'b' }] },
    'sts:TagSession',
  ],
  [
    'tags with sts:TagSession in the trust are allowed',
    ['sts:AssumeRole', 'sts:TagSession'],
    { Tags: [{ Key: 'a', Value: 'b' }] },
    'allowed',
  ],
  [
    'a source identity without sts:SetSourceIdentity is denied',
    ['sts:AssumeRole'],
    { SourceIdentity: 'alice' },
    'sts:SetSourceIdentity',
  ],
  [
    'a source identity with sts:SetSourceIdentity is allowed',
    ['sts:AssumeRole', 'sts:SetSourceIdentity'],
    { SourceIdentity: 'alice' },
    'allowed',
  ],
];

for (const [name, actions, extra, expected] of tagAndIdentityCases) {
  test(`trust actions: ${name}`, async () => {
    const w = world(trust(ALICE, actions));
    const input = { RoleArn: ROLE, RoleSessionName: 's1', ...extra };
    if (expected === 'allowed') await assumeRole(w.deps, w.user(), input);
    else
      assert.match(
        (await failure(() => assumeRole(w.deps, w.user(), input))).message,
        new RegExp(`perform: ${expected} on`),
      );
  });
}

// biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable, not a template literal.
const USERNAME = '${aws:username}';

const conditionCases: [string, unknown, Partial<AssumeRoleInput>, boolean][] = [
  [
    'a matching ExternalId is allowed',
    { StringEquals: { 'sts:ExternalId': 'ex-123' } },
    { ExternalId: 'ex-123' },
    true,
  ],
  ['a wrong ExternalId is denied', { StringEquals: { 'sts:ExternalId': 'ex-123' } }, { ExternalId: 'ex-999' }, false],
  ['a missing ExternalId is denied', { StringEquals: { 'sts:ExternalId': 'ex-123' } }, {}, false],
  [
    'a session name matching sts:RoleSessionName is allowed',
    { StringLike: { 'sts:RoleSessionName': USERNAME } },
    { RoleSessionName: 'alice' },
    true,
  ],
  [
    'a session name not matching sts:RoleSessionName is denied',
    { StringLike: { 'sts:RoleSessionName': USERNAME } },
    { RoleSessionName: 'bob' },
    false,
  ],
  [
    'a request tag required by the trust is allowed',
    { StringEquals: { 'aws:RequestTag/team': 'payments' } },
    { Tags: [{ Key: 'team', Value: 'payments' }] },
    true,
  ],
  ['MFA required by the trust without MFA is denied', { Bool: { 'aws:MultiFactorAuthPresent': 'true' } }, {}, false],
  [
    'MFA required by the trust with a valid code is allowed',
    { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
    { SerialNumber: MFA_SERIAL, TokenCode: MFA_CODE },
    true,
  ],
];

for (const [name, condition, extra, allowed] of conditionCases) {
  test(`trust conditions: ${name}`, async () => {
    const w = world(trust(ALICE, ['sts:AssumeRole', 'sts:TagSession'], condition));
    const input = { RoleArn: ROLE, RoleSessionName: 's1', ...extra };
    if (allowed) await assumeRole(w.deps, w.user(), input);
    else assert.equal((await failure(() => assumeRole(w.deps, w.user(), input))).code, 'AccessDenied');
  });
}

test('a wrong MFA code is AccessDenied before any trust decision', async () => {
  const w = world();
  const f = await failure(() =>
    assumeRole(w.deps, w.user(), {
      RoleArn: ROLE,
      RoleSessionName: 's1',
      SerialNumber: MFA_SERIAL,
      TokenCode: '000000',
    }),
  );
  assert.equal(f.code, 'AccessDenied');
  assert.match(f.message, /MultiFactorAuthentication failed/);
});

test('request keys from the API layer reach the trust conditions', async () => {
  const w = world(trust(ALICE, ['sts:AssumeRole'], { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }));
  const input = { RoleArn: ROLE, RoleSessionName: 's1' };
  await assumeRole(w.deps, w.user(), input, { 'aws:SourceIp': '203.0.113.9' });
  assert.equal(
    (await failure(() => assumeRole(w.deps, w.user(), input, { 'aws:SourceIp': '198.51.100.1' }))).code,
    'AccessDenied',
  );
});

test('session policies are carried in the session and reported as PackedPolicySize', async () => {
  const w = world();
  const policy = allow('s3:GetObject', 'arn:aws:s3:::bucket/*');
  const out = await assumeRole(w.deps, w.user(), {
    RoleArn: ROLE,
    RoleSessionName: 's1',
    Policy: policy,
    PolicyArns: [{ arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }],
  });
  assert.ok(out.PackedPolicySize! > 0 && out.PackedPolicySize! <= 100);
  const session = (w.sessionCaller(out.Credentials) as { session: { sessionPolicies: unknown } }).session;
  assert.deepEqual(session.sessionPolicies, {
    inline: policy,
    managedArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
  });
});

test('a session policy too large once packed is PackedPolicyTooLarge', async () => {
  const w = world(trust(ALICE, ['sts:AssumeRole', 'sts:TagSession']));
  // 50 tags of random text do not compress.
  const Tags = Array.from({ length: 50 }, (_, i) => ({
    Key: `k${i}${randomBytes(50).toString('hex')}`,
    Value: randomBytes(128).toString('hex'),
  }));
  const f = await failure(() => assumeRole(w.deps, w.user(), { RoleArn: ROLE, RoleSessionName: 's1', Tags }));
  assert.equal(f.code, 'PackedPolicyTooLarge');
  assert.match(f.message, /^Packed policy consumes \d+% of allotted space, please use smaller policy\.$/);
});

test('an invalid session policy is MalformedPolicyDocument', async () => {
  const w = world();
  for (const Policy of [
    '{not json',
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: '*' }],
    }),
  ]) {
    assert.equal(
      (await failure(() => assumeRole(w.deps, w.user(), { RoleArn: ROLE, RoleSessionName: 's1', Policy }))).code,
      'MalformedPolicyDocument',
    );
  }
});

test('an untrusted caller asking for more than the role maximum learns nothing: AccessDenied, not ValidationError', async () => {
  const w = world(trust(`arn:aws:iam::${A}:user/bob`));
  const f = await failure(() =>
    assumeRole(w.deps, w.user(), { RoleArn: ROLE, RoleSessionName: 's1', DurationSeconds: 43_200 }),
  );
  assert.equal(f.code, 'AccessDenied');
});
