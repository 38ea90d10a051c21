import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { beforeEach, describe, it } from 'node:test';
import { generateKeyPair, SignJWT, UnsecuredJWT } from 'jose';
import { assumeRoleWithWebIdentity, type AssumeRoleWithWebIdentityInput } from './assume-role-with-web-identity.ts';
import { JwksCache } from './jwks-cache.ts';
import { A, allow, B, failure, StsWorld } from './sts-fixture.ts';
import type { StsDeps } from './sts-ports.ts';
import { TestIssuer } from './web-identity-fixture.ts';

const HOST = 'issuer.example.com';
const PROVIDER = `arn:aws:iam::${A}:oidc-provider/${HOST}`;
const ROLE = `arn:aws:iam::${A}:role/deploy`;

/** GitHub-style trust: the provider, audience sts.amazonaws.com, sub repo:acme/app:*. */
function webTrust(extra: object = {}, actions: string[] = ['sts:AssumeRoleWithWebIdentity']): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: PROVIDER },
        Action: actions,
        Condition: {
          StringEquals: { [`${HOST}:aud`]: 'sts.amazonaws.com' },
          StringLike: { [`${HOST}:sub`]: 'repo:acme/app:*' },
          ...extra,
        },
      },
    ],
  });
}

describe('AssumeRoleWithWebIdentity', () => {
  let w: StsWorld;
  let issuer: TestIssuer;
  let deps: StsDeps;
  let providers: Map<string, string[]>;
  beforeEach(async () => {
    w = new StsWorld();
    issuer = await TestIssuer.create(`https://${HOST}`);
    providers = new Map([[`${A}/${HOST}`, ['sts.amazonaws.com']]]);
    w.roles.set(`${A}/deploy`, { trust: webTrust(), policies: [allow('iam:ListUsers')], maxSessionDuration: 7200 });
    deps = {
      ...w.deps,
      oidcProviders: {
        find: async (accountId, url) => {
          const clientIds = providers.get(`${accountId}/${url}`);
          return clientIds && { url, clientIds };
        },
      },
      webIdentityKeys: new JwksCache({ fetchJson: issuer.fetch, clock: w.clock }),
    };
  });
  const call = async (token: string, extra: Partial<AssumeRoleWithWebIdentityInput> = {}) =>
    assumeRoleWithWebIdentity(deps, { RoleArn: ROLE, RoleSessionName: 'ci', WebIdentityToken: token, ...extra });
  const good = (claims: object = {}) =>
    issuer.token({ aud: 'sts.amazonaws.com', sub: 'repo:acme/app:ref:refs/heads/main', ...claims }, w.clock.now());

  it('a token the trust policy accepts gets a role session and AWS response fields', async () => {
    const out = await call(await good(), { DurationSeconds: 900 });
    assert.equal(out.SubjectFromWebIdentityToken, 'repo:acme/app:ref:refs/heads/main');
    assert.equal(out.Provider, PROVIDER);
    assert.equal(out.Audience, 'sts.amazonaws.com');
    assert.equal(out.AssumedRoleUser.Arn, `arn:aws:sts::${A}:assumed-role/deploy/ci`);
    assert.match(out.AssumedRoleUser.AssumedRoleId, /^AROA.*:ci$/);
    assert.match(out.Credentials.AccessKeyId, /^ASIA/);
    assert.equal(out.Credentials.Expiration.getTime(), w.clock.now().getTime() + 900_000);
    assert.equal(out.PackedPolicySize, undefined);
    const facts = w.deps.tokens.open(out.Credentials.SessionToken, out.Credentials.AccessKeyId, w.clock.now());
    assert.equal(facts.principal.kind, 'role-session');
    assert.equal(facts.federatedProvider, PROVIDER, 'the session remembers its provider (aws:FederatedProvider)');
    assert.deepEqual(issuer.fetched, [`https://${HOST}/.well-known/openid-configuration`, `https://${HOST}/jwks`]);
    await call(await good());
    assert.equal(issuer.fetched.length, 2, 'the key set is cached');
  });

  it('the trust policy refuses a sub its condition does not match: AccessDenied as AWS words it', async () => {
    const token = await issuer.token({ aud: 'sts.amazonaws.com', sub: 'repo:evil/app:ref:x' }, w.clock.now());
    const f = await failure(() => call(token));
    assert.deepEqual(f, { code: 'AccessDenied', message: 'Not authorized to perform sts:AssumeRoleWithWebIdentity' });
  });

  it('audience not among the client ids: InvalidIdentityToken; azp counts and becomes the aud key', async () => {
    assert.deepEqual(await failure(async () => call(await good({ aud: 'other' }))), {
      code: 'InvalidIdentityToken',
      message: 'Incorrect token audience',
    });
    const out = await call(await good({ aud: ['x', 'y'], azp: 'sts.amazonaws.com' }));
    assert.equal(out.Audience, 'sts.amazonaws.com');
  });

  it('expired beyond the five-minute skew: ExpiredTokenException; within it: accepted', async () => {
    const token = await issuer.token({ aud: 'sts.amazonaws.com', sub: 'repo:acme/app:x' }, w.clock.now(), { expiresIn: 60 });
    w.clock.advance(60_000 + 299_000);
    await call(token);
    w.clock.advance(2_000);
    const f = await failure(() => call(token));
    assert.equal(f.code, 'ExpiredTokenException');
    assert.match(f.message, /^Token expired: current date\/time \d+ must be before the expiration date\/time \d+$/);
  });

  it('nbf in the future and a missing exp or sub are InvalidIdentityToken', async () => {
    const t = Math.floor(w.clock.now().getTime() / 1000);
    const future = await good({ nbf: t + 3600 });
    assert.equal((await failure(() => call(future))).code, 'InvalidIdentityToken');
    const noSub = await issuer.token({ aud: 'sts.amazonaws.com' }, w.clock.now());
    assert.match((await failure(() => call(noSub))).message, /sub/);
  });

  it('a signature by another key: InvalidIdentityToken', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await issuer.token({ aud: 'sts.amazonaws.com', sub: 'repo:acme/app:x' }, w.clock.now(), { signWith: privateKey });
    const f = await failure(() => call(forged));
    assert.equal(f.code, 'InvalidIdentityToken');
    assert.match(f.message, /signature/);
  });

  it('an unknown kid refreshes the keys once (rotation works), then is refused within the cooldown', async () => {
    await call(await good());
    assert.equal(issuer.fetched.length, 2);
    await issuer.addKey('k2');
    w.clock.advance(61_000);
    const rotated = await issuer.token({ aud: 'sts.amazonaws.com', sub: 'repo:acme/app:x' }, w.clock.now(), { kid: 'k2' });
    await call(rotated);
    assert.equal(issuer.fetched.length, 4, 'one refresh: discovery + JWKS');
    const bogus = await issuer.token({ aud: 'sts.amazonaws.com', sub: 'repo:acme/app:x' }, w.clock.now(), { kid: 'nope' });
    for (let i = 0; i < 5; i++) {
      const f = await failure(() => call(bogus));
      assert.equal(f.code, 'InvalidIdentityToken');
      assert.match(f.message, /kid/);
    }
    assert.equal(issuer.fetched.length, 4, 'no fetch within the cooldown');
    w.clock.advance(61_000);
    assert.equal((await failure(() => call(bogus))).code, 'InvalidIdentityToken');
    assert.equal(issuer.fetched.length, 6, 'one more refresh after the cooldown');
  });

  it('malformed tokens, unsigned tokens and HMAC tokens: InvalidIdentityToken', async () => {
    for (const token of ['abcd', 'a.b.c', 'not-a-jwt-at-all']) {
      const f = await failure(() => call(token));
      assert.deepEqual(f, {
        code: 'InvalidIdentityToken',
        message: 'The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)',
      });
    }
    const none = new UnsecuredJWT({ aud: 'sts.amazonaws.com', sub: 'repo:acme/app:x' }).setIssuer(issuer.issuer).setExpirationTime('1h').encode();
    assert.match((await failure(() => call(none))).message, /algorithm/);
    const hmac = await new SignJWT({ aud: 'sts.amazonaws.com', sub: 'repo:acme/app:x' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(issuer.issuer)
      .setExpirationTime('1h')
      .sign(new Uint8Array(32));
    assert.equal((await failure(() => call(hmac))).code, 'InvalidIdentityToken');
    assert.deepEqual(issuer.fetched, [], 'nothing fetched for tokens that cannot be valid');
  });

  it('an issuer no provider in the role account names: InvalidIdentityToken, nothing fetched', async () => {
    const other = await TestIssuer.create('https://unknown.example.com');
    const token = await other.token({ aud: 'sts.amazonaws.com', sub: 'repo:acme/app:x' }, w.clock.now());
    assert.deepEqual(await failure(() => call(token)), {
      code: 'InvalidIdentityToken',
      message: 'No OpenIDConnect provider found in your account for https://unknown.example.com',
    });
    w.roles.set(`${B}/deploy`, { trust: webTrust() });
    const f = await failure(async () => call(await good(), { RoleArn: `arn:aws:iam::${B}:role/deploy` }));
    assert.equal(f.code, 'InvalidIdentityToken', 'the provider must be in the role account');
    assert.deepEqual(issuer.fetched, []);
  });

  it('issuer unreachable or with a wrong discovery document: IDPCommunicationError, retried only after the cooldown', async () => {
    issuer.down = true;
    const token = await good();
    assert.equal((await failure(() => call(token))).code, 'IDPCommunicationError');
    assert.equal((await failure(() => call(token))).code, 'IDPCommunicationError');
    assert.equal(issuer.fetched.length, 1);
    issuer.down = false;
    issuer.discoveryIssuer = 'https://impostor.example.com';
    w.clock.advance(61_000);
    assert.equal((await failure(async () => call(await good()))).code, 'IDPCommunicationError');
    delete issuer.discoveryIssuer;
    w.clock.advance(61_000);
    await call(await good());
  });

  it('role missing or path wrong: AccessDenied like a refused trust; bad inputs: ValidationError', async () => {
    const token = await good();
    assert.equal((await failure(() => call(token, { RoleArn: `arn:aws:iam::${A}:role/missing` }))).code, 'AccessDenied');
    const v = await failure(() => call(token, { RoleSessionName: 'x', DurationSeconds: 100 }));
    assert.equal(v.code, 'ValidationError');
    assert.match(v.message, /^2 validation errors detected: .*roleSessionName.*durationSeconds/);
    assert.equal((await failure(() => assumeRoleWithWebIdentity(deps, { RoleArn: ROLE, RoleSessionName: 'ci' }))).code, 'ValidationError');
    const long = await failure(() => call('secret-token'.repeat(2000)));
    assert.equal(long.message, "1 validation error detected: Value at 'webIdentityToken' failed to satisfy constraint: Member must have length less than or equal to 20000");
    assert.equal((await failure(() => call(token, { DurationSeconds: 7201 }))).message, 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
    assert.equal((await failure(() => call(token, { ProviderId: 'www.amazon.com' }))).code, 'InvalidParameterValue');
    assert.equal((await failure(() => call(token, { Policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow"}]}' }))).code, 'MalformedPolicyDocument');
  });

  it('session policies: PackedPolicySize, and PackedPolicyTooLarge when over budget', async () => {
    const out = await call(await good(), { Policy: allow('iam:GetUser') });
    assert.ok((out.PackedPolicySize ?? 0) > 0);
    // Random text does not compress: a 1,900-character Sid plus ten long random policy ARNs exceed the budget.
    const noise = (n: number) => randomBytes(n).toString('base64').replace(/[^A-Za-z0-9]/g, '').slice(0, n);
    const Policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: noise(1900), Effect: 'Allow', Action: 'iam:GetUser', Resource: '*' }] });
    const PolicyArns = Array.from({ length: 10 }, () => ({ arn: `arn:aws:iam::${A}:policy/${noise(120)}` }));
    const f = await failure(async () => call(await good(), { Policy, PolicyArns }));
    assert.equal(f.code, 'PackedPolicyTooLarge');
    assert.match(f.message, /^Packed policy consumes \d+% of allotted space, please use smaller policy\.$/);
  });

  it('session tags from the token need sts:TagSession; source identity needs sts:SetSourceIdentity', async () => {
    const tagged = await good({
      'https://aws.amazon.com/tags': { principal_tags: { team: ['ci'], env: ['prod'] }, transitive_tag_keys: ['team'] },
      'https://aws.amazon.com/source_identity': 'alice',
    });
    const f = await failure(() => call(tagged));
    assert.deepEqual(f, { code: 'AccessDenied', message: 'Not authorized to perform sts:TagSession' });
    w.roles.set(`${A}/deploy`, {
      trust: webTrust({}, ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession', 'sts:SetSourceIdentity']),
    });
    const out = await call(tagged);
    assert.equal(out.SourceIdentity, 'alice');
    assert.ok((out.PackedPolicySize ?? 0) > 0);
    const facts = w.deps.tokens.open(out.Credentials.SessionToken, out.Credentials.AccessKeyId, w.clock.now());
    assert.deepEqual(facts.tags, { team: 'ci', env: 'prod' });
    assert.deepEqual(facts.transitiveTagKeys, ['team']);
    assert.equal(facts.sourceIdentity, 'alice');
    const bad = await good({ 'https://aws.amazon.com/tags': { principal_tags: { team: 'not-a-list-of-one' } } });
    await call(bad); // a bare string value is accepted as the single value
    const worse = await good({ 'https://aws.amazon.com/tags': { principal_tags: { team: [1] } } });
    assert.equal((await failure(() => call(worse))).code, 'InvalidIdentityToken');
  });

  it('conditions see aws:FederatedProvider, amr and oaud', async () => {
    w.roles.set(`${A}/deploy`, {
      trust: webTrust({
        StringEquals: { 'aws:FederatedProvider': PROVIDER, [`${HOST}:oaud`]: 'raw-aud', [`${HOST}:aud`]: 'sts.amazonaws.com' },
        'ForAnyValue:StringEquals': { [`${HOST}:amr`]: 'mfa' },
      }),
    });
    await call(await good({ aud: 'raw-aud', azp: 'sts.amazonaws.com', amr: ['pwd', 'mfa'] }));
    assert.equal((await failure(async () => call(await good({ aud: 'raw-aud', azp: 'sts.amazonaws.com', amr: ['pwd'] })))).code, 'AccessDenied');
  });
});

describe('AssumeRoleWithWebIdentity trust: the web-identity principal', () => {
  let w: StsWorld;
  let issuer: TestIssuer;
  let deps: StsDeps;
  beforeEach(async () => {
    w = new StsWorld();
    issuer = await TestIssuer.create(`https://${HOST}`);
    deps = {
      ...w.deps,
      oidcProviders: { find: async (_accountId, url) => ({ url, clientIds: ['sts.amazonaws.com'] }) },
      webIdentityKeys: new JwksCache({ fetchJson: issuer.fetch, clock: w.clock }),
    };
  });
  const trust = (...statements: object[]) => {
    w.roles.set(`${A}/deploy`, {
      trust: JSON.stringify({ Version: '2012-10-17', Statement: statements }),
      policies: [],
      maxSessionDuration: 3600,
    });
  };
  const code = async () => {
    const token = await issuer.token({ aud: 'sts.amazonaws.com', sub: 'repo:acme/app:ref:x' }, w.clock.now());
    try {
      await assumeRoleWithWebIdentity(deps, { RoleArn: ROLE, RoleSessionName: 'ci', WebIdentityToken: token });
      return 'ok';
    } catch (e) {
      return (e as { code?: string }).code;
    }
  };
  const action = 'sts:AssumeRoleWithWebIdentity';
  const other = `arn:aws:iam::${A}:oidc-provider/elsewhere.example.com`;

  it('Federated naming the provider (alone or in a list) allows; another provider does not', async () => {
    trust({ Effect: 'Allow', Principal: { Federated: [other, PROVIDER] }, Action: action });
    assert.equal(await code(), 'ok');
    trust({ Effect: 'Allow', Principal: { Federated: other }, Action: action });
    assert.equal(await code(), 'AccessDenied');
  });

  it('AWS, Service and bare-host Federated entries never name the token bearer; "*" does', async () => {
    trust(
      { Effect: 'Allow', Principal: { AWS: [A, PROVIDER] }, Action: action },
      { Effect: 'Allow', Principal: { Service: HOST, Federated: HOST }, Action: action },
    );
    assert.equal(await code(), 'AccessDenied');
    trust({ Effect: 'Allow', Principal: '*', Action: action });
    assert.equal(await code(), 'ok');
  });

  it('Deny + NotPrincipal naming the provider exempts it; naming another provider denies', async () => {
    const allowAll = { Effect: 'Allow', Principal: { Federated: PROVIDER }, Action: action };
    trust(allowAll, { Effect: 'Deny', NotPrincipal: { Federated: PROVIDER }, Action: action });
    assert.equal(await code(), 'ok');
    trust(allowAll, { Effect: 'Deny', NotPrincipal: { Federated: other }, Action: action });
    assert.equal(await code(), 'AccessDenied');
  });

  it('the trust decision sees aws:PrincipalType WebIdentityUser and no aws:userid', async () => {
    const allowIf = (condition: object) => ({
      Effect: 'Allow',
      Principal: { Federated: PROVIDER },
      Action: action,
      Condition: condition,
    });
    trust(allowIf({ StringEquals: { 'aws:PrincipalType': 'WebIdentityUser' }, Null: { 'aws:userid': 'true' } }));
    assert.equal(await code(), 'ok');
    trust(allowIf({ StringEquals: { 'aws:PrincipalType': 'Anonymous' } }));
    assert.equal(await code(), 'AccessDenied');
  });
});
