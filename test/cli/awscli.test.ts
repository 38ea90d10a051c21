import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startTestServer } from '../e2e/harness.ts';
import { rootEnv, runScript, skipWithoutAwsCli } from './run-script.ts';

const skip = skipWithoutAwsCli('the AWS CLI sequence');
const scripts = [
  {
    name: 'the AWS CLI sequence (create user, keys, group, call as the user, clean up) passes',
    file: 'awscli-sequence.sh',
    ok: /OK: AWS CLI sequence passed/,
  },
  {
    name: 'the classic IAM examples with the AWS CLI (no policy denied, group grants, Deny wins, boundary caps) pass',
    file: 'awscli-enforcement.sh',
    ok: /OK: AWS CLI enforcement examples passed/,
  },
];

for (const { name, file, ok } of scripts) {
  test(name, { skip, timeout: 180_000 }, async () => {
    const t = await startTestServer();
    try {
      const { code, output } = await runScript(file, rootEnv(t.url, t.root));
      assert.equal(code, 0, output);
      assert.match(output, ok);
    } finally {
      await t.close();
    }
  });
}
