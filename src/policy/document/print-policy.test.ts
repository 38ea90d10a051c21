import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePolicy } from './parse-policy.ts';
import { printPolicy } from './print-policy.ts';

const docs: [string, unknown][] = [
  [
    'a single statement object',
    { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 's3:*', Resource: '*' } },
  ],
  [
    'every element',
    {
      Version: '2012-10-17',
      Id: 'x',
      Statement: [
        {
          Sid: 'a',
          Effect: 'Deny',
          NotPrincipal: { AWS: ['111111111111'], Service: 'x.amazonaws.com' },
          NotAction: 'iam:*',
          NotResource: ['arn:aws:s3:::b'],
          Condition: { StringEquals: { k: ['v', 1, true] }, Null: { j: 'true' } },
        },
        { Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' },
      ],
    },
  ],
];

describe('printPolicy', () => {
  for (const [name, input] of docs) {
    it(`${name}: parse → print → parse gives an equal document`, () => {
      const first = parsePolicy(input);
      assert.ok(first.ok);
      const printed = printPolicy(first.policy);
      const second = parsePolicy(printed);
      assert.ok(second.ok);
      assert.deepEqual(second.policy, first.policy);
      assert.equal(printPolicy(second.policy), printed);
    });
  }
});
