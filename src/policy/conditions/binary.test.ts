import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluateClause } from './evaluate-clause.ts';

type Case = [name: string, policy: string[], request: string | undefined, expected: boolean | 'unknown'];
const K = 'custom:blob';

const cases: Case[] = [
  ['BinaryEquals matches the same bytes', ['QmluYXJ5VmFsdWU='], 'QmluYXJ5VmFsdWU=', true],
  ['BinaryEquals does not match other bytes', ['QmluYXJ5VmFsdWU='], 'T3RoZXI=', false],
  ['BinaryEquals is false on an absent key', ['QmluYXJ5VmFsdWU='], undefined, false],
  ['a value that is not base-64 cannot be evaluated', ['not base64!'], 'QQ==', 'unknown'],
];

describe('BinaryEquals operator', () => {
  for (const [name, policy, request, expected] of cases) {
    it(name, () => {
      const context: Record<string, string | string[]> = request === undefined ? {} : { [K]: request };
      assert.equal(evaluateClause('BinaryEquals', K, policy, context), expected);
    });
  }
});
