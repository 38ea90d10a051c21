import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type AssumeRoleInput, assumeRole } from './assume-role.ts';
import { getFederationToken } from './get-federation-token.ts';
import { A, failure, StsWorld, trust } from './sts-fixture.ts';
import { STS_RULES } from './sts-validation.ts';

const ROLE = `arn:aws:iam::${A}:role/deploy`;
const one = (member: string, value: string, constraint: string) =>
  `ValidationError: 1 validation error detected: Value ${value} at '${member}' failed to satisfy constraint: ${constraint}`;

/** Each row: the AssumeRole input change and the exact error. */
const cases: [string, Partial<AssumeRoleInput> & Record<string, unknown>, string][] = [
  ['a missing RoleArn is reported as null', { RoleArn: undefined }, one('roleArn', 'null', 'Member must not be null')],
  [
    'a short RoleArn is too short',
    { RoleArn: 'arn:aws:iam::1:r' },
    one('roleArn', "'arn:aws:iam::1:r'", 'Member must have length greater than or equal to 20'),
  ],
  [
    'a missing RoleSessionName is reported as null',
    { RoleSessionName: undefined },
    one('roleSessionName', 'null', 'Member must not be null'),
  ],
  [
    'a one-character session name is too short',
    { RoleSessionName: 'a' },
    one('roleSessionName', "'a'", 'Member must have length greater than or equal to 2'),
  ],
  [
    'a 65-character session name is too long',
    { RoleSessionName: 'a'.repeat(65) },
    one('roleSessionName', `'${'a'.repeat(65)}'`, 'Member must have length less than or equal to 64'),
  ],
  [
    'a session name with a space breaks the pattern',
    { RoleSessionName: 'my session' },
    one('roleSessionName', "'my session'", 'Member must satisfy regular expression pattern: [\\w+=,.@-]*'),
  ],
  [
    'a session name with a slash breaks the pattern',
    { RoleSessionName: 'a/b' },
    one('roleSessionName', "'a/b'", 'Member must satisfy regular expression pattern: [\\w+=,.@-]*'),
  ],
  [
    'a one-character ExternalId is too short',
    { ExternalId: 'x' },
    one('externalId', "'x'", 'Member must have length greater than or equal to 2'),
  ],
  [
    'a 1225-character ExternalId is too long',
    { ExternalId: 'x'.repeat(1225) },
    one('externalId', `'${'x'.repeat(1225)}'`, 'Member must have length less than or equal to 1224'),
  ],
  [
    'an ExternalId with a space breaks the pattern',
    { ExternalId: 'a b' },
    one('externalId', "'a b'", 'Member must satisfy regular expression pattern: [\\w+=,.@:\\/-]*'),
  ],
  [
    'a 65-character SourceIdentity is too long',
    { SourceIdentity: 's'.repeat(65) },
    one('sourceIdentity', `'${'s'.repeat(65)}'`, 'Member must have length less than or equal to 64'),
  ],
  [
    'a SourceIdentity with a colon breaks the pattern',
    { SourceIdentity: 'aws:x' },
    one('sourceIdentity', "'aws:x'", 'Member must satisfy regular expression pattern: [\\w+=,.@-]*'),
  ],
  [
    'a short SerialNumber is too short',
    { SerialNumber: 'abc', TokenCode: '123456' },
    one('serialNumber', "'abc'", 'Member must have length greater than or equal to 9'),
  ],
  [
    'a five-digit TokenCode is too short',
    { SerialNumber: 'arn:aws:iam::1:mfa/x', TokenCode: '12345' },
    one('tokenCode', "'12345'", 'Member must have length greater than or equal to 6'),
  ],
  [
    'a TokenCode with letters breaks the pattern',
    { SerialNumber: 'arn:aws:iam::1:mfa/x', TokenCode: '12345a' },
    one('tokenCode', "'12345a'", 'Member must satisfy regular expression pattern: [\\d]*'),
  ],
  [
    'a 2049-character Policy is too long',
    { Policy: ' '.repeat(2049) },
    one('policy', `'${' '.repeat(2049)}'`, 'Member must have length less than or equal to 2048'),
  ],
  [
    'an empty Policy is too short and breaks the pattern (both reported)',
    { Policy: '' },
    `ValidationError: 2 validation errors detected: Value '' at 'policy' failed to satisfy constraint: Member must have length greater than or equal to 1; Value '' at 'policy' failed to satisfy constraint: Member must satisfy regular expression pattern: ${STS_RULES.policy.pattern.text}`,
  ],
  [
    'eleven PolicyArns are too many',
    { PolicyArns: Array.from({ length: 11 }, () => ({ arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' })) },
    one('policyArns', "'[11 items]'", 'Member must have length less than or equal to 10'),
  ],
  [
    '51 tags are too many',
    { Tags: Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: 'v' })) },
    one('tags', "'[51 items]'", 'Member must have length less than or equal to 50'),
  ],
  [
    'a 129-character tag key is too long',
    { Tags: [{ Key: 'k'.repeat(129), Value: 'v' }] },
    one('tags.1.member.key', `'${'k'.repeat(129)}'`, 'Member must have length less than or equal to 128'),
  ],
  [
    'a 257-character tag value is too long',
    { Tags: [{ Key: 'k', Value: 'v'.repeat(257) }] },
    one('tags.1.member.value', `'${'v'.repeat(257)}'`, 'Member must have length less than or equal to 256'),
  ],
  [
    'a tag key with a comma breaks the pattern',
    { Tags: [{ Key: 'a,b', Value: 'v' }] },
    one(
      'tags.1.member.key',
      "'a,b'",
      'Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+',
    ),
  ],
  [
    '51 transitive keys are too many',
    { TransitiveTagKeys: Array.from({ length: 51 }, (_, i) => `k${i}`) },
    one('transitiveTagKeys', "'[51 items]'", 'Member must have length less than or equal to 50'),
  ],
  [
    'a fractional DurationSeconds is not an integer',
    { DurationSeconds: 1000.5 },
    one('durationSeconds', "'1000.5'", 'Member must be an integer'),
  ],
  [
    'several violations are reported together',
    { RoleSessionName: 'a', ExternalId: 'x' },
    "ValidationError: 2 validation errors detected: Value 'a' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2; Value 'x' at 'externalId' failed to satisfy constraint: Member must have length greater than or equal to 2",
  ],
  [
    'duplicate tag keys (case-insensitive) are refused',
    {
      Tags: [
        { Key: 'Team', Value: 'a' },
        { Key: 'team', Value: 'b' },
      ],
    },
    'InvalidParameterValue: Duplicate tag keys found. Please note that Tag keys are case insensitive.',
  ],
  [
    'a transitive key that is not a passed tag is refused',
    { Tags: [{ Key: 'a', Value: 'b' }], TransitiveTagKeys: ['c'] },
    "InvalidParameterValue: The transitive tag key 'c' is not among the session tags passed.",
  ],
  [
    'a policy ARN that is not a managed policy ARN is refused',
    { PolicyArns: [{ arn: `arn:aws:iam::${A}:role/not-a-policy` }] },
    `InvalidParameterValue: The policy ARN 'arn:aws:iam::${A}:role/not-a-policy' is not a managed policy ARN.`,
  ],
  [
    'SerialNumber without TokenCode fails MFA',
    { SerialNumber: `arn:aws:iam::${A}:mfa/alice` },
    'AccessDenied: MultiFactorAuthentication failed, unable to validate MFA code.',
  ],
];

for (const [name, change, expected] of cases) {
  test(`AssumeRole input: ${name}`, async () => {
    const w = new StsWorld();
    w.users.set(`${A}/alice`, { policies: [] });
    w.roles.set(`${A}/deploy`, { trust: trust(`arn:aws:iam::${A}:user/alice`, ['sts:AssumeRole', 'sts:TagSession']) });
    const input = { RoleArn: ROLE, RoleSessionName: 's1', ...change } as AssumeRoleInput;
    const f = await failure(() => assumeRole(w.deps, w.user(), input));
    assert.equal(`${f.code}: ${f.message}`, expected);
  });
}

const valid: [string, Partial<AssumeRoleInput>][] = [
  ['a 64-character session name with every allowed symbol', { RoleSessionName: `${'a'.repeat(57)}_+=,.@-` }],
  ['a two-character session name', { RoleSessionName: 'ab' }],
  ['an ExternalId with colons and slashes', { ExternalId: 'urn:x/y-z' }],
  ['an empty tag value and a Unicode tag key', { Tags: [{ Key: 'équipe', Value: '' }] }],
];

for (const [name, change] of valid) {
  test(`AssumeRole input accepted: ${name}`, async () => {
    const w = new StsWorld();
    w.users.set(`${A}/alice`, { policies: [] });
    w.roles.set(`${A}/deploy`, { trust: trust(`arn:aws:iam::${A}:user/alice`, ['sts:AssumeRole', 'sts:TagSession']) });
    const out = await assumeRole(w.deps, w.user(), { RoleArn: ROLE, RoleSessionName: 's1', ...change });
    assert.match(out.Credentials.AccessKeyId, /^ASIA/);
  });
}

const federationNames: [string, string | undefined, string][] = [
  ['a missing Name is null', undefined, one('name', 'null', 'Member must not be null')],
  ['a one-character Name is too short', 'a', one('name', "'a'", 'Member must have length greater than or equal to 2')],
  [
    'a 33-character Name is too long',
    'n'.repeat(33),
    one('name', `'${'n'.repeat(33)}'`, 'Member must have length less than or equal to 32'),
  ],
  [
    'a Name with a space breaks the pattern',
    'a b',
    one('name', "'a b'", 'Member must satisfy regular expression pattern: [\\w+=,.@-]*'),
  ],
];

for (const [name, value, expected] of federationNames) {
  test(`GetFederationToken input: ${name}`, async () => {
    const w = new StsWorld();
    const f = await failure(() => getFederationToken(w.deps, w.user(), value === undefined ? {} : { Name: value }));
    assert.equal(`${f.code}: ${f.message}`, expected);
  });
}
