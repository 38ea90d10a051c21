import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { PolicyKind } from '../document/types.ts';
import { validatePolicy } from './validate-policy.ts';

// Strings chosen to hit the edges of every check: wildcards, variables, colons, case, numbers, CIDRs, ARNs.
const word = fc.constantFrom(
  '*',
  '?',
  '',
  's3:GetObject',
  's*:Get',
  'iamd:*',
  'sts:AssumeRole',
  `arn:aws:s3:::b/\${aws:username}`,
  `arn:aws:\${x}:::b`,
  'arn:aws:iam::111111111111:user/*',
  'arn:${',
  '111111111111',
  'AIDAEXAMPLEEXAMPLE12',
  'true',
  'True',
  '10',
  '203.0.113.0/24',
  '::/0',
  '2026-01-01T00:00:00Z',
  'repo:*',
  'a:b:c:d:e:f',
);
const values = fc.oneof(word, fc.array(word, { maxLength: 3 }), fc.string({ maxLength: 8 }));
const operator = fc.constantFrom(
  'StringEquals',
  'ForAllValues:StringLike',
  'ForAnyValue:ArnLikeIfExists',
  'NumericLessThan',
  'DateGreaterThan',
  'Bool',
  'NullIfExists',
  'IpAddress',
  'BinaryEquals',
  'StringLikee',
  'ForAllValue:Bool',
);
const key = fc.constantFrom(
  'aws:TagKeys',
  'aws:SourceIp',
  'aws:username',
  'token.actions.githubusercontent.com:sub',
  'nokey',
  'a:b/c~d',
);
const statement = fc.record(
  {
    Sid: fc.constantFrom('A', 'B', ''),
    Effect: fc.constantFrom('Allow', 'Deny'),
    Action: values,
    Resource: values,
    Principal: fc.oneof(
      fc.constant('*'),
      fc.dictionary(fc.constantFrom('AWS', 'Service', 'Federated', 'Other'), values),
    ),
    Condition: fc.dictionary(operator, fc.dictionary(key, values)),
  },
  { requiredKeys: ['Effect'] },
);
const policy = fc.record(
  {
    Version: fc.constantFrom('2012-10-17', '2008-10-17'),
    Statement: fc.oneof(statement, fc.array(statement, { maxLength: 3 })),
  },
  { requiredKeys: ['Statement'] },
);
const kind = fc.constantFrom<PolicyKind>('identity', 'resource', 'trust', 'boundary', 'scp', 'rcp', 'session');

describe('validatePolicy (properties)', () => {
  it('never throws and locates every finding, whatever the policy', () => {
    fc.assert(
      fc.property(policy, kind, (p, k) => {
        const findings = validatePolicy(JSON.stringify(p, null, 2), { kind: k });
        for (const f of findings) {
          assert.equal(f.kind, 'finding');
          assert.ok(f.line === undefined || f.line >= 1);
          assert.ok(f.message.length > 0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        validatePolicy(text, { kind: 'identity' });
      }),
      { numRuns: 200 },
    );
  });
});
