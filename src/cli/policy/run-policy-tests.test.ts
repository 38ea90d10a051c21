import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runPolicyTests } from './run-policy-tests.ts';

const scenarios = join(import.meta.dirname, 'fixtures', 'scenarios');

describe('runPolicyTests', () => {
  it('walks directories recursively in sorted order, *.json only', async () => {
    const report = await runPolicyTests([scenarios]);
    assert.deepEqual(
      report.results.map((r) => r.file.slice(scenarios.length + 1)),
      [
        'allow-office.json',
        'explicit-deny.json',
        'nested/invalid-scenario.json',
        'nested/no-expected.json',
        'nested/wrong-expectation.json',
      ],
    );
  });

  it('counts passes and failures; a scenario without `expected` is neither', async () => {
    const report = await runPolicyTests([scenarios]);
    assert.deepEqual([report.passed, report.failed, report.unchecked], [2, 2, 1]);
    const noExpected = report.results.find((r) => r.file.endsWith('no-expected.json'));
    assert.deepEqual([noExpected?.expected, noExpected?.actual, noExpected?.pass], [null, 'ImplicitDeny', null]);
  });

  it('reports an invalid scenario as a failure with the reason, never a throw', async () => {
    const [r] = (await runPolicyTests([join(scenarios, 'nested', 'invalid-scenario.json')])).results;
    assert.equal(r?.pass, false);
    assert.equal(r?.actual, null);
    assert.match(r?.error ?? '', /^invalid scenario: .*actoin/);
  });

  it('reports a missing path as a failure', async () => {
    const report = await runPolicyTests([join(scenarios, 'nope')]);
    assert.equal(report.failed, 1);
    assert.match(report.results[0]?.error ?? '', /^cannot read `.*nope`: ENOENT$/);
  });

  it('runs a file given twice once', async () => {
    const file = join(scenarios, 'allow-office.json');
    const report = await runPolicyTests([file, file]);
    assert.deepEqual([report.results.length, report.passed], [1, 1]);
  });
});
