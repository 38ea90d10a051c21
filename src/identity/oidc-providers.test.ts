import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { isIamError } from '../shared/index.ts';
import { oidcProviderArn, providerUrlOf } from './oidc-providers.ts';
import { ACCOUNT, type Fixture, makeFixture } from './services-fixture.test.ts';

describe('providerUrlOf', () => {
  const ok: [string, string][] = [
    ['https://token.actions.githubusercontent.com', 'token.actions.githubusercontent.com'],
    ['HTTPS://example.com/tenant/a', 'example.com/tenant/a'],
    ['https://auth.example.com/', 'auth.example.com/'],
  ];
  for (const [url, expected] of ok) it(`${url} is stored as ${expected}`, () => assert.equal(providerUrlOf(url), expected));
  const bad: [string, RegExp][] = [
    ['http://example.com', /https:\/\//],
    ['example.com', /https:\/\//],
    ['https://', /URL|host/],
    ['https:///path', /host/],
    ['https://example.com:443', /port/],
    ['https://example.com/a?b=c', /query/],
    ['https://example.com/#x', /fragment/],
    ['https://user@example.com', /user/],
  ];
  for (const [url, message] of bad)
    it(`${url} is InvalidInput`, () =>
      assert.throws(() => providerUrlOf(url), (e) => isIamError(e) && e.code === 'InvalidInput' && message.test(e.message)));
});

describe('OIDC provider operations', () => {
  let f: Fixture;
  before(async () => {
    f = await makeFixture();
  });
  after(() => f.close());

  it('builds the ARN in the caller partition, de-duplicates client ids and thumbprints, and the directory finds it', async () => {
    const cn = { ...f.root, partition: 'aws-cn' };
    const out = await f.services.iam.createOpenIDConnectProvider(cn, {
      Url: 'https://issuer.example.com/t1',
      ClientIDList: ['a', 'b', 'a'],
      ThumbprintList: ['A'.repeat(40), 'a'.repeat(40)],
    });
    assert.equal(out.OpenIDConnectProviderArn, `arn:aws-cn:iam::${ACCOUNT}:oidc-provider/issuer.example.com/t1`);
    assert.equal(out.Tags, undefined);
    const got = await f.services.iam.getOpenIDConnectProvider(cn, { OpenIDConnectProviderArn: out.OpenIDConnectProviderArn });
    assert.deepEqual(got.ClientIDList, ['a', 'b']);
    assert.deepEqual(got.ThumbprintList, ['A'.repeat(40)]);
    assert.deepEqual(await f.services.oidcProviders.find(ACCOUNT, 'issuer.example.com/t1'), {
      url: 'issuer.example.com/t1',
      clientIds: ['a', 'b'],
    });
    assert.equal(await f.services.oidcProviders.find(ACCOUNT, 'issuer.example.com'), undefined);
    assert.equal(await f.services.oidcProviders.find('210987654321', 'issuer.example.com/t1'), undefined);
  });

  it('every validation problem in one ValidationError', async () => {
    await assert.rejects(
      f.services.iam.createOpenIDConnectProvider(f.root, { ClientIDList: [''], ThumbprintList: ['x'] }),
      (e) =>
        isIamError(e) &&
        e.code === 'ValidationError' &&
        e.message.startsWith('3 validation errors detected') &&
        e.message.includes("'url'") &&
        e.message.includes("'clientIDList.1.member'") &&
        e.message.includes("'thumbprintList.1.member'"),
    );
  });

  it('deleting a provider removes its tags; a re-created one starts clean', async () => {
    const arn = oidcProviderArn('aws', ACCOUNT, 'tags.example.com');
    await f.services.iam.createOpenIDConnectProvider(f.root, { Url: 'https://tags.example.com', Tags: [{ Key: 'k', Value: 'v' }] });
    await f.services.iam.deleteOpenIDConnectProvider(f.root, { OpenIDConnectProviderArn: arn });
    await f.services.iam.createOpenIDConnectProvider(f.root, { Url: 'https://tags.example.com' });
    const tags = await f.services.iam.listOpenIDConnectProviderTags(f.root, { OpenIDConnectProviderArn: arn });
    assert.deepEqual(tags.Tags, []);
  });
});
