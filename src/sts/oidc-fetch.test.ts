import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { isIamError } from '../shared/index.ts';
import { createOidcFetch, issuerRewrite } from './oidc-fetch.ts';

describe('issuerRewrite', () => {
  const rewrite = issuerRewrite('https://issuer.test=http://127.0.0.1:9000, https://issuer.test/tenant=http://127.0.0.1:9001/t/');
  it('maps the longest matching issuer prefix and keeps the rest of the path', () => {
    assert.equal(rewrite('https://issuer.test/.well-known/openid-configuration'), 'http://127.0.0.1:9000/.well-known/openid-configuration');
    assert.equal(rewrite('https://issuer.test/tenant/jwks'), 'http://127.0.0.1:9001/t/jwks');
  });
  it('leaves other URLs alone, including look-alike hosts', () => {
    assert.equal(rewrite('https://issuer.testing/x'), 'https://issuer.testing/x');
    assert.equal(rewrite('https://other.example.com/jwks'), 'https://other.example.com/jwks');
  });
  it('refuses a malformed pair', () => {
    for (const spec of ['issuer.test=http://x', 'https://a', 'https://a=ftp://b'])
      assert.throws(() => issuerRewrite(spec), (e) => isIamError(e) && e.code === 'InvalidParameterValue');
  });
});

describe('createOidcFetch', () => {
  let server: Server;
  let base: string;
  before(async () => {
    server = createServer((req, res) => {
      if (req.url === '/ok') res.writeHead(200, { 'content-type': 'application/json' }).end('{"issuer":"x"}');
      else if (req.url === '/big') res.writeHead(200).end(JSON.stringify({ pad: 'x'.repeat(2000) }));
      else if (req.url === '/redirect') res.writeHead(302, { location: '/ok' }).end();
      else if (req.url === '/garbage') res.writeHead(200).end('not json');
      else res.writeHead(500).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise((resolve) => server.close(resolve)));

  const fetchJson = () => createOidcFetch({ rewrite: issuerRewrite(`https://issuer.test=${base}`), maxBytes: 1000 });

  it('fetches JSON from where the https issuer is mapped', async () => {
    assert.deepEqual(await fetchJson()('https://issuer.test/ok'), { issuer: 'x' });
  });
  it('refuses plain http issuers, oversized documents, redirects, errors and non-JSON', async () => {
    await assert.rejects(createOidcFetch()(`${base}/ok`), /https/);
    for (const path of ['/big', '/redirect', '/fail', '/garbage']) await assert.rejects(fetchJson()(`https://issuer.test${path}`));
  });
});
