/**
 * Two iamd servers over ONE database (the stateless-nodes deployment): a write committed through A reaches B's
 * caches within B's poll interval. B is used first, so its credential and policy caches hold the old state.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  GetUserCommand,
  IAMClient,
  PutUserPolicyCommand,
  UpdateAccessKeyCommand,
} from '@aws-sdk/client-iam';
import pg from 'pg';
import { loadServerConfig, type RunningServer, startServer } from '../../src/server/index.ts';
import type { Credentials } from './harness.ts';

/** Short, so the test is quick; the bound under test is "within pollMs plus one poll", checked by waiting. */
const POLL_MS = 50;
/** Generous: a slow shared machine must not fail the test; a missing invalidation still fails it (never true). */
const WAIT_LIMIT_MS = 15_000;

async function startNode(dataDir: string, databaseUrl?: string): Promise<RunningServer> {
  const config = {
    ...loadServerConfig({ port: 0, dataDir, logLevel: 'error' }, {}),
    ...(databaseUrl ? { databaseUrl } : {}),
    cachePollMs: POLL_MS,
  };
  return startServer(config);
}

function client(server: RunningServer, credentials: Credentials): IAMClient {
  return new IAMClient({ endpoint: server.url, region: 'us-east-1', credentials, maxAttempts: 1 });
}

/** The error code of a call, or 'ok' when it succeeds. */
async function outcome(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (e) {
    const error = e as { Code?: string; name: string };
    return error.Code ?? error.name;
  }
}

/** Polls `check` until it returns `want` (or the limit passes, when the last answer is asserted). */
async function eventually(check: () => Promise<string>, want: string): Promise<void> {
  const deadline = Date.now() + WAIT_LIMIT_MS;
  let last = await check();
  while (last !== want && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 20));
    last = await check();
  }
  assert.equal(last, want);
}

/** A one-statement policy document. */
const statement = (Effect: 'Allow' | 'Deny', Action: string): string =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect, Action, Resource: '*' }] });

async function runScenario(a: RunningServer, b: RunningServer): Promise<void> {
  const root = a.rootCredentials;
  assert.ok(root, 'node A knows the root credentials');
  const adminA = client(a, root);
  const userName = `multi-${randomBytes(3).toString('hex')}`;
  await adminA.send(new CreateUserCommand({ UserName: userName }));
  await adminA.send(
    new PutUserPolicyCommand({
      UserName: userName,
      PolicyName: 'self',
      PolicyDocument: statement('Allow', 'iam:GetUser'),
    }),
  );
  const keys: Credentials[] = [];
  for (let i = 0; i < 2; i++) {
    const { AccessKey } = await adminA.send(new CreateAccessKeyCommand({ UserName: userName }));
    keys.push({ accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! });
  }
  const [first, second] = keys as [Credentials, Credentials];
  const onB = (k: Credentials) => () => outcome(client(b, k).send(new GetUserCommand({})));

  // B serves both keys (and now caches the credentials and the user's compiled policies).
  assert.equal(await onB(first)(), 'ok');
  assert.equal(await onB(second)(), 'ok');

  // Deactivated through A: B refuses the key within the bound.
  const status = (Status: 'Active' | 'Inactive') =>
    new UpdateAccessKeyCommand({ UserName: userName, AccessKeyId: first.accessKeyId, Status });
  await adminA.send(status('Inactive'));
  await eventually(onB(first), 'InvalidClientTokenId');

  // An explicit Deny attached through A: B denies the other key's call.
  await adminA.send(
    new PutUserPolicyCommand({
      UserName: userName,
      PolicyName: 'deny',
      PolicyDocument: statement('Deny', 'iam:GetUser'),
    }),
  );
  await eventually(onB(second), 'AccessDenied');
  // And the other way round: B's own writes reach A.
  const adminB = client(b, root);
  await adminB.send(status('Active'));
  await adminB.send(
    new PutUserPolicyCommand({ UserName: userName, PolicyName: 'deny', PolicyDocument: statement('Deny', 'iam:ListUsers') }),
  );
  await eventually(() => outcome(client(a, first).send(new GetUserCommand({}))), 'ok');
}

async function withTwoNodes(dataDir: string, databaseUrl: string | undefined): Promise<void> {
  const a = await startNode(dataDir, databaseUrl);
  try {
    const b = await startNode(dataDir, databaseUrl);
    try {
      await runScenario(a, b);
    } finally {
      await b.close();
    }
  } finally {
    await a.close();
  }
}

describe('two iamd processes over one database see each other\'s writes', () => {
  test('on one SQLite data directory', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'iamd-multi-'));
    try {
      await withTwoNodes(dataDir, undefined);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  const adminUrl = process.env['IAMD_TEST_POSTGRES_URL'];
  const skip = adminUrl ? false : 'IAMD_TEST_POSTGRES_URL is not set: the PostgreSQL run is skipped';
  test('on one PostgreSQL database of its own, dropped after', { skip }, async () => {
    const url = new URL(adminUrl!);
    if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost')
      throw new Error('tests use a local PostgreSQL only');
    const name = `iamd_multi_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    // One data directory for both nodes: they share the master key (and the generated root credentials file).
    const dataDir = await mkdtemp(join(tmpdir(), 'iamd-multi-pg-'));
    try {
      await admin.query(`CREATE DATABASE ${name}`);
      url.pathname = `/${name}`;
      await withTwoNodes(dataDir, url.toString());
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
