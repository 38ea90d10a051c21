import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePolicy } from './parse-policy.ts';
import type { Finding, PolicyDocument } from './types.ts';

function ok(input: unknown, options = {}): PolicyDocument {
  const r = parsePolicy(input, options);
  assert.ok(r.ok, JSON.stringify(r));
  return r.policy;
}

function fail(input: unknown, options = {}): { findings: readonly Finding[]; malformedMessage: string } {
  const r = parsePolicy(input, options);
  assert.ok(!r.ok, 'expected the policy to be rejected');
  return r;
}

const allow = { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' };

describe('parsePolicy: elements', () => {
  it('normalises single values to arrays and keeps Version and Id', () => {
    const doc = ok({ Version: '2012-10-17', Id: 'p1', Statement: { Sid: 'one', ...allow } });
    assert.equal(doc.version, '2012-10-17');
    assert.equal(doc.id, 'p1');
    assert.equal(doc.statementIsArray, false);
    const s = doc.statements[0]!;
    assert.deepEqual(
      [s.sid, s.effect, s.action, s.resource, s.pointer],
      ['one', 'Allow', ['s3:GetObject'], ['*'], '/Statement'],
    );
  });

  it('reads NotAction, NotResource and NotPrincipal', () => {
    const doc = ok({
      Statement: [
        { Effect: 'Deny', NotAction: ['iam:*'], NotResource: 'arn:aws:s3:::b', NotPrincipal: { AWS: '111111111111' } },
      ],
    });
    const s = doc.statements[0]!;
    assert.deepEqual(s.notAction, ['iam:*']);
    assert.deepEqual(s.notResource, ['arn:aws:s3:::b']);
    assert.deepEqual(s.notPrincipal, { kind: 'map', entries: { AWS: ['111111111111'] } });
    assert.equal(s.pointer, '/Statement/0');
  });

  it('keeps "*" apart from {"AWS":"*"} and reads every principal type', () => {
    const doc = ok({
      Statement: [
        { ...allow, Principal: '*' },
        {
          ...allow,
          Principal: {
            AWS: ['*'],
            Service: 's.amazonaws.com',
            Federated: 'cognito-identity.amazonaws.com',
            CanonicalUser: 'abc',
          },
        },
      ],
    });
    assert.deepEqual(doc.statements[0]!.principal, { kind: 'wildcard' });
    assert.deepEqual(doc.statements[1]!.principal, {
      kind: 'map',
      entries: {
        AWS: ['*'],
        Service: ['s.amazonaws.com'],
        Federated: ['cognito-identity.amazonaws.com'],
        CanonicalUser: ['abc'],
      },
    });
  });

  it('stringifies numeric and boolean condition values and records pointers', () => {
    const text =
      '{"Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{"NumericLessThan":{"s3:max-keys":10.50},"Bool":{"aws:SecureTransport":true}}}}';
    const doc = ok(text);
    assert.deepEqual(
      doc.statements[0]!.conditions.map((c) => [c.operator, c.key, c.values, c.pointer]),
      [
        ['NumericLessThan', 's3:max-keys', ['10.50'], '/Statement/Condition/NumericLessThan/s3:max-keys'],
        ['Bool', 'aws:SecureTransport', ['true'], '/Statement/Condition/Bool/aws:SecureTransport'],
      ],
    );
  });

  it('accepts an empty Condition block', () => {
    assert.deepEqual(ok({ Statement: [{ ...allow, Condition: {} }] }).statements[0]!.conditions, []);
  });

  it('escapes / and ~ in pointers', () => {
    const doc = ok({ Statement: [{ ...allow, Condition: { StringEquals: { 'aws:ResourceTag/a~b': 'x' } } }] });
    assert.equal(
      doc.statements[0]!.conditions[0]!.pointer,
      '/Statement/0/Condition/StringEquals/aws:ResourceTag~1a~0b',
    );
  });
});

type FindingCase = [
  name: string,
  text: string,
  code: string,
  pointer: string,
  line: number,
  column: number,
  aws: string,
  options?: object,
];
const findingCases: FindingCase[] = [
  [
    'invalid JSON is a syntax error with its position',
    '{\n  "Statement": [\n    {"Effect" "Allow"}\n  ]\n}',
    'json-syntax',
    '',
    3,
    15,
    'Syntax errors in policy.',
  ],
  [
    'a duplicate key is reported where it repeats',
    '{"Statement":{"Effect":"Allow","Effect":"Deny","Action":"*","Resource":"*"}}',
    'duplicate-key',
    '/Statement/Effect',
    1,
    32,
    'Syntax errors in policy.',
  ],
  ['an unknown top-level element', '{"Statement":[],\n"Foo":1}', 'unknown-element', '/Foo', 2, 1, 'Unknown field Foo'],
  [
    'an unknown statement element',
    '{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Bar":1}]}',
    'unknown-element',
    '/Statement/0/Bar',
    1,
    61,
    'Unknown field Bar',
  ],
  [
    'an invalid Version',
    '{"Version":"2012-10-18","Statement":[]}',
    'invalid-version',
    '/Version',
    1,
    12,
    'The policy failed legacy parsing',
  ],
  [
    'a missing Statement',
    '{"Version":"2012-10-17"}',
    'missing-statement',
    '',
    1,
    1,
    'Missing required field Statement',
  ],
  [
    'a missing Effect',
    '{"Statement":[{"Action":"*","Resource":"*"}]}',
    'missing-effect',
    '/Statement/0',
    1,
    15,
    'Missing required field Effect',
  ],
  [
    'Effect is case-sensitive',
    '{"Statement":[{"Effect":"allow","Action":"*","Resource":"*"}]}',
    'invalid-effect',
    '/Statement/0/Effect',
    1,
    25,
    'Invalid effect: allow',
  ],
  [
    'a statement without actions',
    '{"Statement":[{"Effect":"Allow","Resource":"*"}]}',
    'missing-action',
    '/Statement/0',
    1,
    15,
    'Policy statement must contain actions.',
  ],
  [
    'an empty Action list',
    '{"Statement":[{"Effect":"Allow","Action":[],"Resource":"*"}]}',
    'missing-action',
    '/Statement/0/Action',
    1,
    42,
    'Policy statement must contain actions.',
  ],
  [
    'both Action and NotAction',
    '{"Statement":[{"Effect":"Allow","Action":"*","NotAction":"*","Resource":"*"}]}',
    'action-and-not-action',
    '/Statement/0',
    1,
    15,
    'Syntax errors in policy.',
  ],
  [
    'both Resource and NotResource',
    '{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","NotResource":"*"}]}',
    'resource-and-not-resource',
    '/Statement/0',
    1,
    15,
    'Syntax errors in policy.',
  ],
  [
    'both Principal and NotPrincipal',
    '{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Principal":"*","NotPrincipal":"*"}]}',
    'principal-and-not-principal',
    '/Statement/0',
    1,
    15,
    'Syntax errors in policy.',
  ],
  [
    'an action without a vendor prefix',
    '{"Statement":[{"Effect":"Allow","Action":["GetObject"],"Resource":"*"}]}',
    'invalid-action',
    '/Statement/0/Action/0',
    1,
    43,
    'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.',
  ],
  [
    'a non-string action',
    '{"Statement":[{"Effect":"Allow","Action":[1],"Resource":"*"}]}',
    'invalid-value',
    '/Statement/0/Action/0',
    1,
    43,
    'Syntax errors in policy.',
  ],
  [
    'an unknown principal type',
    '{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Principal":{"User":"x"}}]}',
    'invalid-principal',
    '/Statement/0/Principal/User',
    1,
    74,
    'Invalid principal in policy',
  ],
  [
    'a nested condition value',
    '{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"k":{"a":1}}}}]}',
    'invalid-condition-value',
    '/Statement/0/Condition/StringEquals/k',
    1,
    94,
    'Syntax errors in policy.',
  ],
  [
    'an identity policy with a Principal',
    '{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Principal":"*"}]}',
    'principal-not-allowed',
    '/Statement/0/Principal',
    1,
    61,
    'Policy document should not specify a principal.',
    { kind: 'identity' },
  ],
  [
    'an SCP with a Principal',
    '{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Principal":"*"}]}',
    'principal-not-allowed',
    '/Statement/0/Principal',
    1,
    61,
    'Has prohibited field Principal',
    { kind: 'scp' },
  ],
  [
    'a resource policy without a Principal',
    '{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}',
    'missing-principal',
    '/Statement/0',
    1,
    15,
    'Missing required field Principal',
    { kind: 'resource' },
  ],
  [
    'an identity policy without a Resource',
    '{"Statement":[{"Effect":"Allow","Action":"*"}]}',
    'missing-resource',
    '/Statement/0',
    1,
    15,
    'Policy statement must contain resources.',
    { kind: 'identity' },
  ],
  ['a policy that is not an object', '[1]', 'not-an-object', '', 1, 1, 'Syntax errors in policy.'],
];

describe('parsePolicy: findings', () => {
  for (const [name, text, code, pointer, line, column, aws, options] of findingCases) {
    it(`${name} → ${code}`, () => {
      const r = fail(text, options ?? {});
      const f = r.findings.find((x) => x.code === code);
      assert.ok(f, `no ${code} in ${JSON.stringify(r.findings)}`);
      assert.deepEqual([f.pointer, f.line, f.column, f.severity], [pointer, line, column, 'error']);
      assert.equal(r.malformedMessage, aws);
    });
  }

  it('reports every problem at once', () => {
    const r = fail('{"Foo":1,"Statement":[{"Effect":"allow"},{"Effect":"Allow","Action":"*","Bar":2}]}');
    assert.deepEqual(
      r.findings.map((f) => f.code).sort(),
      ['invalid-effect', 'missing-action', 'unknown-element', 'unknown-element'].sort(),
    );
  });

  it('a trust policy needs no Resource', () => {
    ok(
      { Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'ec2.amazonaws.com' } }] },
      { kind: 'trust' },
    );
  });

  it('does not throw on values JSON cannot encode', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    assert.equal(fail(cyclic).findings[0]!.code, 'json-syntax');
    assert.equal(fail(undefined).findings[0]!.code, 'json-syntax');
  });
});

describe('parsePolicy: size limits', () => {
  const sized = (chars: number) => {
    // Build a policy whose size (whitespace outside strings excluded) is exactly `chars`.
    const base = JSON.stringify({
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/' }],
    });
    const pad = 'x'.repeat(chars - base.length);
    return JSON.stringify(
      { Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::b/${pad}` }] },
      null,
      4,
    );
  };
  const limits: [string, object, number, string][] = [
    ['user inline', { sizeClass: 'user-inline' }, 2048, 'Maximum policy size of 2048 bytes exceeded'],
    ['group inline', { sizeClass: 'group-inline' }, 5120, 'Maximum policy size of 5120 bytes exceeded'],
    ['role inline', { sizeClass: 'role-inline' }, 10240, 'Maximum policy size of 10240 bytes exceeded'],
    ['managed', { sizeClass: 'managed' }, 6144, 'Cannot exceed quota for PolicySize: 6144'],
    ['trust', { sizeClass: 'trust' }, 2048, 'Cannot exceed quota for ACLSizePerRole: 2048'],
    ['session', { sizeClass: 'session' }, 2048, 'Cannot exceed quota for PolicySize: 2048'],
    ['identity kind defaults to managed', { kind: 'identity' }, 6144, 'Cannot exceed quota for PolicySize: 6144'],
  ];
  for (const [name, options, limit, message] of limits) {
    it(`${name}: ${limit} characters pass, ${limit + 1} fail, whitespace outside strings not counted`, () => {
      ok(sized(limit), options);
      const r = fail(sized(limit + 1), options);
      assert.equal(r.findings[0]!.code, 'policy-too-large');
      assert.equal(r.malformedMessage, message);
    });
  }
});
