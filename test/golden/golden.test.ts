/**
 * Golden files for the wire format: each response is normalised (ids, dates, request ids, markers), pretty-printed
 * one element per line, and compared with `test/golden/<name>.xml`. `UPDATE_GOLDEN=1` rewrites the files.
 */
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { signedRequest, startTestServer, type TestServer } from '../e2e/harness.ts';

const UPDATE = process.env['UPDATE_GOLDEN'] === '1';

/** Replaces values that change from run to run with fixed placeholders. */
export function normalise(xml: string): string {
  return xml
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '00000000-0000-0000-0000-000000000000')
    .replace(/\b(AIDA|AGPA|AROA|ANPA)[A-Z2-7]{17}\b/g, '$1XXXXXXXXXXXXXXXXX')
    .replace(/\b(AKIA|ASIA)[A-Z2-7]{16}\b/g, '$1XXXXXXXXXXXXXXXX')
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g, '2026-01-01T00:00:00Z')
    .replace(/<Marker>[^<]*<\/Marker>/g, '<Marker>MARKER</Marker>');
}

/** One element per line, indented: the wire has no mixed content, so this is lossless for review. */
export function pretty(xml: string): string {
  let depth = 0;
  const lines: string[] = [];
  for (const token of xml.replace(/>\s*</g, '>\n<').split('\n')) {
    const closing = /^<\//.test(token);
    if (closing) depth--;
    lines.push(`${'  '.repeat(Math.max(depth, 0))}${token}`);
    const opens = /^<[^/?!][^>]*[^/]>$/.test(token) || /^<[^/?!]>$/.test(token);
    if (opens && !/<\/[^>]+>$/.test(token)) depth++;
  }
  return `${lines.join('\n')}\n`;
}

async function check(name: string, xml: string): Promise<void> {
  const file = new URL(`./${name}.xml`, import.meta.url);
  const actual = pretty(normalise(xml));
  if (UPDATE) {
    await writeFile(file, actual);
    return;
  }
  const expected = await readFile(file, 'utf8').catch(() => {
    throw new Error(`missing golden file test/golden/${name}.xml: run with UPDATE_GOLDEN=1 and review it`);
  });
  assert.equal(actual, expected, `test/golden/${name}.xml differs (UPDATE_GOLDEN=1 rewrites it after review)`);
}

describe('golden XML responses and error envelopes', () => {
  let t: TestServer;
  let call: (body: string, service?: string) => Promise<string>;
  before(async () => {
    t = await startTestServer({ accountId: '123456789012' });
    call = async (body, service = 'iam') => (await signedRequest(t.port, body, { credentials: t.root, service })).body;
  });
  after(() => t.close());

  const V = 'Version=2010-05-08';
  test('CreateUser', async () => {
    await check(
      'create-user',
      await call(
        `Action=CreateUser&${V}&UserName=alice&Path=%2Feng%2F&Tags.member.1.Key=team&Tags.member.1.Value=a%2Bb%20c`,
      ),
    );
  });
  test('GetUser', async () => check('get-user', await call(`Action=GetUser&${V}&UserName=alice`)));
  test('ListUsers truncated', async () => {
    await call(`Action=CreateUser&${V}&UserName=bob`);
    await check('list-users-truncated', await call(`Action=ListUsers&${V}&MaxItems=1`));
  });
  test('ListAccessKeys', async () => {
    await call(`Action=CreateAccessKey&${V}&UserName=alice`);
    await check('list-access-keys', await call(`Action=ListAccessKeys&${V}&UserName=alice`));
  });
  test('GetAccountSummary', async () => check('get-account-summary', await call(`Action=GetAccountSummary&${V}`)));
  test('DeleteUser (no output)', async () => check('delete-user', await call(`Action=DeleteUser&${V}&UserName=bob`)));
  test('GetCallerIdentity', async () => {
    await check('get-caller-identity', await call('Action=GetCallerIdentity&Version=2011-06-15', 'sts'));
  });
  test('NoSuchEntity error', async () =>
    check('error-no-such-entity', await call(`Action=GetUser&${V}&UserName=nobody`)));
  test('InvalidAction error', async () => check('error-invalid-action', await call(`Action=MakeCoffee&${V}`)));
  test('ValidationError error', async () => {
    await check('error-validation', await call(`Action=CreateUser&${V}&UserName=${'x'.repeat(65)}`));
  });
});
