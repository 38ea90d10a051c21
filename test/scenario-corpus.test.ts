import assert from 'node:assert/strict';
import { relative } from 'node:path';
import { describe, it } from 'node:test';
import { runPolicyTests } from '../src/cli/policy/run-policy-tests.ts';

// The corpus is the engine's executable spec (docs/scenario-corpus.md). It runs through the same code path as
// `iamd policy test test/scenarios`, one subtest per file so a failure names the scenario.
const CORPUS = 'test/scenarios';
const MINIMUM_SCENARIOS = 200;

const report = await runPolicyTests([CORPUS]);

describe('scenario corpus', () => {
  it(`holds at least ${MINIMUM_SCENARIOS} scenarios, every one stating its expected decision`, () => {
    assert.ok(report.results.length >= MINIMUM_SCENARIOS, `only ${report.results.length} scenarios under ${CORPUS}`);
    const unchecked = report.results.filter((r) => r.pass === null).map((r) => r.file);
    assert.deepEqual(unchecked, [], 'scenarios without `expected`');
  });

  for (const result of report.results) {
    it(relative(CORPUS, result.file), () => {
      assert.equal(result.error, undefined, `not a valid scenario: ${result.error}`);
      assert.equal(
        result.actual,
        result.expected,
        `expected ${result.expected}, engine decided ${result.actual}${result.explanation ? ` (${result.explanation})` : ''}`,
      );
      assert.equal(result.pass, true);
    });
  }
});
