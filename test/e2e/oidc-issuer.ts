/**
 * Fixture for the OIDC suites: a local OpenID Connect issuer (real HTTP on 127.0.0.1 serving its discovery
 * document and JWKS) and an iamd whose OIDC fetcher maps the issuer's https URL to it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadServerConfig, type RunningServer, startServer } from '../../src/server/index.ts';
import type { Clock } from '../../src/shared/index.ts';
import { createOidcFetch, issuerRewrite } from '../../src/sts/index.ts';
import { TestIssuer } from '../../src/sts/web-identity-fixture.ts';

/** The issuer URL the fixtures use (mapped to 127.0.0.1). */
export const TEST_ISSUER = 'https://issuer.test';

/** A running issuer + iamd pair. */
export type OidcTestServer = {
  server: RunningServer;
  issuer: TestIssuer;
  /** HTTP requests the issuer has served. */
  requests(): number;
  close(): Promise<void>;
};

/** Starts the issuer, then iamd (SQLite in a temp directory) wired to fetch the issuer over plain http. */
export async function startOidcTestServer(options: { clock: Clock; accountId: string }): Promise<OidcTestServer> {
  const issuer = await TestIssuer.create(TEST_ISSUER);
  let requests = 0;
  const http = createServer((req, res) => {
    requests++;
    const body = req.url === '/.well-known/openid-configuration' ? issuer.discovery() : req.url === '/jwks' ? issuer.jwks() : undefined;
    if (issuer.down || body === undefined) {
      res.writeHead(issuer.down ? 503 : 404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const port = (http.address() as AddressInfo).port;
  const dataDir = await mkdtemp(join(tmpdir(), 'iamd-oidc-'));
  const config = { ...loadServerConfig({ port: 0, dataDir, logLevel: 'error', dev: false }, {}), accountId: options.accountId };
  const server = await startServer(config, {
    clock: options.clock,
    oidcFetch: createOidcFetch({ rewrite: issuerRewrite(`${TEST_ISSUER}=http://127.0.0.1:${port}`) }),
  });
  return {
    server,
    issuer,
    requests: () => requests,
    close: async () => {
      await server.close();
      await new Promise((resolve) => http.close(resolve));
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
