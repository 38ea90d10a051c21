import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SignatureV4 } from '@smithy/signature-v4';
import type { CredentialResolver, PrincipalPolicies } from '../../identity/index.ts';
import { decide } from '../../policy/index.ts';
import { ManualClock } from '../../shared/index.ts';
import { SigningKeyCache } from '../../sigv4/index.ts';
import { createSessionTokenCodec, type SessionFacts } from '../../sts/index.ts';
import { NodeSha256 } from '../../client/node-sha256.ts';
import { AuthzError } from './authz-error.ts';
import { AuthorizeService } from './authorize-service.ts';
import { fakePrincipalCache } from './fake-principal-cache.ts';
import { PolicySets } from './policy-sets.ts';
import { PrincipalResolver } from './principal-resolver.ts';

const ACCOUNT = '111122223333';
const doc = (statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const ROLE_POLICY = doc([{ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::b/*' }]);
const USER_POLICY = doc([{ Effect: 'Allow', Action: 's3:*', Resource: '*' }]);

const principals: Record<string, PrincipalPolicies> = {
  'r:reader': {
    arn: `arn:aws:iam::${ACCOUNT}:role/app/reader`,
    id: 'AROAREADER',
    tags: { team: 'blue', env: 'prod' },
    identity: [{ source: 'role-inline', name: 'rw', document: ROLE_POLICY }],
  },
  'u:alice': {
    arn: `arn:aws:iam::${ACCOUNT}:user/alice`,
    id: 'AIDAALICE',
    tags: { team: 'red' },
    identity: [{ source: 'user-inline', name: 'all', document: USER_POLICY }],
  },
};

const fakeCache = () => fakePrincipalCache(ACCOUNT, principals);

const ISSUED = Date.parse('2026-11-22T12:00:00Z');

function facts(principal: SessionFacts['principal'], extra: Partial<SessionFacts> = {}): SessionFacts {
  return {
    accountId: ACCOUNT,
    partition: 'aws',
    accessKeyId: 'ASIAEXAMPLE000000001',
    secretAccessKey: 'session-secret-session-secret-session-se',
    principal,
    tags: {},
    transitiveTagKeys: [],
    issuedAt: ISSUED,
    expiresAt: ISSUED + 3600_000,
    chained: false,
    ...extra,
  };
}

const roleSession = (extra: Partial<SessionFacts> = {}) =>
  facts(
    {
      kind: 'role-session',
      roleArn: `arn:aws:iam::${ACCOUNT}:role/app/reader`,
      roleId: 'AROAREADER',
      roleName: 'reader',
      sessionName: 'build',
    },
    extra,
  );

const get = (arn: string) => ({ action: 's3:GetObject', resource: { arn, accountId: ACCOUNT } });
const put = (arn: string) => ({ action: 's3:PutObject', resource: { arn, accountId: ACCOUNT } });

test('a role session is the assumed-role ARN with AROA…:session, session tags over the role’s', async () => {
  const resolver = new PrincipalResolver(fakeCache());
  const r = await resolver.ofSession(roleSession({ tags: { team: 'green' } }), new Date(ISSUED));
  assert.deepEqual(r.view, {
    arn: `arn:aws:sts::${ACCOUNT}:assumed-role/reader/build`,
    accountId: ACCOUNT,
    userId: 'AROAREADER:build',
    type: 'role-session',
    tags: { env: 'prod', team: 'green' },
  });
  assert.equal(decide(r.set, { principal: r.principal, ...put('arn:aws:s3:::b/k') }).decision, 'Allow');
});

test('a session policy narrows the role session, also in sets that add a resource policy', async () => {
  const narrowed = roleSession({
    sessionPolicies: { inline: doc([{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }]), managedArns: [] },
  });
  const r = await new PrincipalResolver(fakeCache()).ofSession(narrowed, new Date(ISSUED));
  assert.equal(decide(r.set, { principal: r.principal, ...get('arn:aws:s3:::b/k') }).decision, 'Allow');
  assert.equal(decide(r.set, { principal: r.principal, ...put('arn:aws:s3:::b/k') }).decision, 'ImplicitDeny');
  const roleArn = principals['r:reader']!.arn;
  const bucket = doc([{ Effect: 'Allow', Principal: { AWS: roleArn }, Action: 's3:*', Resource: '*' }]);
  const combined = new PolicySets().setFor(r, bucket);
  assert.equal(decide(combined, { principal: r.principal, ...put('arn:aws:s3:::b/k') }).decision, 'ImplicitDeny');
});

test('a managed session policy is resolved through the resolver; one that is gone allows nothing', async () => {
  const managedArn = `arn:aws:iam::${ACCOUNT}:policy/read-only`;
  const withManaged = roleSession({ sessionPolicies: { managedArns: [managedArn] } });
  const present = new PrincipalResolver(fakeCache(), {
    documentOf: async (arn) =>
      arn === managedArn ? doc([{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }]) : undefined,
  });
  const r = await present.ofSession(withManaged, new Date(ISSUED));
  assert.equal(decide(r.set, { principal: r.principal, ...get('arn:aws:s3:::b/k') }).decision, 'Allow');
  const gone = await new PrincipalResolver(fakeCache()).ofSession(withManaged, new Date(ISSUED));
  assert.equal(decide(gone.set, { principal: gone.principal, ...get('arn:aws:s3:::b/k') }).decision, 'ImplicitDeny');
});

test('a session of a role re-created under the same name (another role id) has no identity policies', async () => {
  const stale = facts({
    kind: 'role-session',
    roleArn: `arn:aws:iam::${ACCOUNT}:role/app/reader`,
    roleId: 'AROAOLDREADER',
    roleName: 'reader',
    sessionName: 'build',
  });
  const r = await new PrincipalResolver(fakeCache()).ofSession(stale, new Date(ISSUED));
  assert.equal(r.view.arn, `arn:aws:sts::${ACCOUNT}:assumed-role/reader/build`);
  assert.equal(decide(r.set, { principal: r.principal, ...get('arn:aws:s3:::b/k') }).decision, 'ImplicitDeny');
});

test('a federated user has only what both its caller and its session policy allow; none means nothing', async () => {
  const fed = (extra: Partial<SessionFacts> = {}) =>
    facts(
      { kind: 'federated-user', name: 'bob', callerArn: principals['u:alice']!.arn, callerUserName: 'alice' },
      extra,
    );
  const readOnly = { inline: doc([{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }]), managedArns: [] };
  const resolver = new PrincipalResolver(fakeCache());
  const bare = await resolver.ofSession(fed(), new Date(ISSUED));
  assert.equal(bare.view.type, 'federated-user');
  assert.equal(bare.view.userId, `${ACCOUNT}:bob`);
  assert.equal(decide(bare.set, { principal: bare.principal, ...get('arn:aws:s3:::b/k') }).decision, 'ImplicitDeny');
  const scoped = await resolver.ofSession(
    fed({ sessionPolicies: readOnly }),
    new Date(ISSUED),
  );
  assert.equal(decide(scoped.set, { principal: scoped.principal, ...get('arn:aws:s3:::b/k') }).decision, 'Allow');
  const write = decide(scoped.set, { principal: scoped.principal, ...put('arn:aws:s3:::b/k') });
  assert.equal(write.decision, 'ImplicitDeny');
});

test('the root user’s federated user is bounded by its session policy alone', async () => {
  const fed = facts(
    { kind: 'federated-user', name: 'ops', callerArn: `arn:aws:iam::${ACCOUNT}:root` },
    { sessionPolicies: { inline: doc([{ Effect: 'Allow', Action: 's3:PutObject', Resource: '*' }]), managedArns: [] } },
  );
  const r = await new PrincipalResolver(fakeCache()).ofSession(fed, new Date(ISSUED));
  assert.equal(decide(r.set, { principal: r.principal, ...put('arn:aws:s3:::x/k') }).decision, 'Allow');
  assert.equal(decide(r.set, { principal: r.principal, ...get('arn:aws:s3:::x/k') }).decision, 'ImplicitDeny');
});

test('GetSessionToken sessions act as the user (its tags and policies) or as root', async () => {
  const resolver = new PrincipalResolver(fakeCache());
  const user = await resolver.ofSession(
    facts({ kind: 'user', userArn: principals['u:alice']!.arn, userId: 'AIDAALICE', userName: 'alice' }),
    new Date(ISSUED),
  );
  assert.deepEqual(
    [user.view.type, user.view.arn, user.view.userId, user.view.tags],
    ['user', principals['u:alice']!.arn, 'AIDAALICE', { team: 'red' }],
  );
  assert.equal(decide(user.set, { principal: user.principal, ...put('arn:aws:s3:::x/k') }).decision, 'Allow');
  const root = await resolver.ofSession(facts({ kind: 'root' }), new Date(ISSUED));
  assert.deepEqual([root.view.type, root.view.arn], ['root', `arn:aws:iam::${ACCOUNT}:root`]);
  assert.equal(decide(root.set, { principal: root.principal, ...put('arn:aws:s3:::x/k') }).decision, 'Allow');
});

test('an opened session resolves once per owner cache entry', async () => {
  const cache = fakeCache();
  const resolver = new PrincipalResolver(cache);
  const f = roleSession();
  const a = await resolver.ofSession(f, new Date(ISSUED));
  assert.equal(await resolver.ofSession(f, new Date(ISSUED + 1000)), a);
  assert.equal(cache.loads, 1);
});

// The forwarded request path: a real token codec, a real SigV4 signer, a manual clock.
const NO_KEYS: CredentialResolver = {
  resolve: async () => undefined,
  recordUse: () => undefined,
  flush: async () => undefined,
};

function world() {
  const clock = new ManualClock('2026-11-22T12:00:00Z');
  const codec = createSessionTokenCodec(Buffer.alloc(32, 9));
  const uses: string[] = [];
  const service = new AuthorizeService({
    credentials: NO_KEYS,
    clock,
    keyCache: new SigningKeyCache(),
    resolver: new PrincipalResolver(fakeCache()),
    policySets: new PolicySets(),
    sts: { openSessionToken: (token, keyId) => codec.open(token, keyId, clock.now()) },
    onSessionUse: (f, region) => uses.push(`${f.accessKeyId}@${region}`),
  });
  const session = roleSession({ issuedAt: clock.now().getTime(), expiresAt: clock.now().getTime() + 900_000 });
  const token = codec.seal(session);
  return { clock, service, session, token, uses };
}

type SigningCredentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

/** An S3 client's signer, and its GET of b/k (the payload line is UNSIGNED-PAYLOAD, as S3 clients send it). */
const s3Signer = (credentials: SigningCredentials, region: string, service = 's3') =>
  new SignatureV4({ credentials, region, service, sha256: NodeSha256, uriEscapePath: false });
const getBK = () => ({
  method: 'GET',
  protocol: 'http:',
  hostname: 'objects.local',
  path: '/b/k',
  query: {},
  headers: { host: 'objects.local', 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
});

async function forwarded(creds: SigningCredentials, at: Date, service = 's3') {
  const signed = await s3Signer(creds, 'eu-west-1', service).sign(getBK(), { signingDate: at });
  return { method: 'GET', path: '/b/k', headers: signed.headers as Record<string, string> };
}

test('a forwarded request signed with session credentials is the role session, with session context keys', async () => {
  const w = world();
  const { accessKeyId, secretAccessKey } = w.session;
  const creds = { accessKeyId, secretAccessKey, sessionToken: w.token };
  const request = await forwarded(creds, w.clock.now());
  const revoke = doc([
    {
      Effect: 'Deny',
      Principal: '*',
      Action: '*',
      Resource: '*',
      Condition: { DateLessThan: { 'aws:TokenIssueTime': '2026-11-22T11:00:00Z' } },
    },
  ]);
  const answer = await w.service.authorize({
    subject: { request },
    question: {
      ...get('arn:aws:s3:::b/k'),
      resourcePolicy: revoke,
      context: { 'aws:TokenIssueTime': '2020-01-01T00:00:00Z' },
    },
  });
  assert.equal(answer.decision, 'Allow', answer.message);
  assert.equal(answer.principal.arn, `arn:aws:sts::${ACCOUNT}:assumed-role/reader/build`);
  assert.deepEqual(w.uses, [`${w.session.accessKeyId}@eu-west-1`]);
  // The session's own keys win over a platform's context: a later revocation applies.
  const later = revoke.replace('2026-11-22T11:00:00Z', '2026-11-22T12:30:00Z');
  const denied = await w.service.authorize({
    subject: { request },
    question: { ...get('arn:aws:s3:::b/k'), resourcePolicy: later },
  });
  assert.equal(denied.detail, 'ExplicitDeny');
});

type Tweak = (w: ReturnType<typeof world>) => { sessionToken: string; advance?: number };
const expired: Tweak = (w) => ({ sessionToken: w.token, advance: 900_000 });
const failures: { name: string; code: string; status: number; service?: string; tweak: Tweak }[] = [
  { name: 'an expired session is ExpiredToken (S3: 400)', code: 'ExpiredToken', status: 400, tweak: expired },
  {
    name: 'an expired session is ExpiredToken (others: 403)',
    code: 'ExpiredToken',
    status: 403,
    service: 'things',
    tweak: expired,
  },
  {
    name: 'a tampered token is InvalidToken (S3: 400)',
    code: 'InvalidToken',
    status: 400,
    tweak: (w) => ({ sessionToken: `${w.token.slice(0, -4)}AAAA` }),
  },
  {
    name: 'a tampered token is InvalidClientTokenId (others: 403)',
    code: 'InvalidClientTokenId',
    status: 403,
    service: 'things',
    tweak: (w) => ({ sessionToken: `x${w.token}` }),
  },
];
for (const c of failures) {
  test(`forwarded session credentials: ${c.name}`, async () => {
    const w = world();
    const t = c.tweak(w);
    const { accessKeyId, secretAccessKey } = w.session;
    const creds = { accessKeyId, secretAccessKey, sessionToken: t.sessionToken };
    if (t.advance !== undefined) w.clock.advance(t.advance);
    const request = await forwarded(creds, w.clock.now(), c.service);
    const answering = w.service.authorize({ subject: { request }, question: get('arn:aws:s3:::b/k') });
    await assert.rejects(answering, (e: unknown) => {
      assert.ok(e instanceof AuthzError);
      assert.deepEqual([e.code, e.status, e.subject], [c.code, c.status, 'request']);
      return true;
    });
  });
}

test('forwarded session credentials: a wrong session secret is SignatureDoesNotMatch', async () => {
  const w = world();
  const creds = { accessKeyId: w.session.accessKeyId, secretAccessKey: 'x'.repeat(40), sessionToken: w.token };
  const request = await forwarded(creds, w.clock.now());
  await assert.rejects(
    w.service.authorize({ subject: { request }, question: get('arn:aws:s3:::b/k') }),
    (e: unknown) => e instanceof AuthzError && e.code === 'SignatureDoesNotMatch' && e.status === 403,
  );
});

test('a presigned URL made with session credentials (X-Amz-Security-Token in the query) is the session', async () => {
  const w = world();
  const { accessKeyId, secretAccessKey } = w.session;
  // As S3's presigner does: the payload line is UNSIGNED-PAYLOAD and the header itself is not signed.
  const signed = await s3Signer({ accessKeyId, secretAccessKey, sessionToken: w.token }, 'us-east-1').presign(getBK(), {
    signingDate: w.clock.now(),
    expiresIn: 60,
    unsignableHeaders: new Set(['x-amz-content-sha256']),
  });
  const query = Object.entries(signed.query ?? {})
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');
  assert.match(query, /X-Amz-Security-Token=/);
  const answer = await w.service.authorize({
    subject: { request: { method: 'GET', path: '/b/k', query, headers: { host: 'objects.local' } } },
    question: get('arn:aws:s3:::b/k'),
  });
  assert.equal(answer.decision, 'Allow', answer.message);
  assert.equal(answer.principal.type, 'role-session');
});
