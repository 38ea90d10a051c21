import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { startTestServer } from '../e2e/harness.ts';

const cli = process.env['IAMD_TEST_AWS_CLI'] ?? '/usr/bin/aws';
const skip = existsSync(cli) ? false : `no AWS CLI at ${cli} (set IAMD_TEST_AWS_CLI): the AWS CLI sequence is skipped`;
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
const script = fileURLToPath(new URL(`./${file}`, import.meta.url));
test(name, {
  skip,
  timeout: 180_000,
}, async () => {
  const t = await startTestServer();
  try {
    const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve, reject) => {
      const child = spawn('bash', [script], {
        env: {
          PATH: process.env['PATH'] ?? '/usr/bin:/bin',
          HOME: process.env['HOME'] ?? '/tmp',
          IAMD_URL: t.url,
          AWS_CLI: cli,
          AWS_ACCESS_KEY_ID: t.root.accessKeyId,
          AWS_SECRET_ACCESS_KEY: t.root.secretAccessKey,
        },
      });
      let output = '';
      child.stdout.on('data', (c: Buffer) => {
        output += c.toString();
      });
      child.stderr.on('data', (c: Buffer) => {
        output += c.toString();
      });
      child.on('error', reject);
      child.on('close', (exit) => resolve({ code: exit, output }));
    });
    assert.equal(code, 0, output);
    assert.match(output, ok);
  } finally {
    await t.close();
  }
});
}
