/**
 * Runs the example object service against a running iamd:
 *   IAMD_ENDPOINT=http://127.0.0.1:4599 IAMD_ACCESS_KEY_ID=... IAMD_SECRET_ACCESS_KEY=... \
 *   node --import tsx examples/s3/main.ts [dataDir] [port]
 * The credentials are those of an iamd principal allowed `iamd:Authorize` on `*`; add IAMD_SESSION_TOKEN for STS
 * session credentials (e.g. a role session of a role that allows it).
 */
import { startS3Example } from './s3-server.ts';

const endpoint = process.env.IAMD_ENDPOINT ?? 'http://127.0.0.1:4599';
const accessKeyId = process.env.IAMD_ACCESS_KEY_ID;
const secretAccessKey = process.env.IAMD_SECRET_ACCESS_KEY;
const sessionToken = process.env.IAMD_SESSION_TOKEN;
if (accessKeyId === undefined || secretAccessKey === undefined) {
  process.stderr.write('set IAMD_ACCESS_KEY_ID and IAMD_SECRET_ACCESS_KEY (a principal allowed iamd:Authorize)\n');
  process.exit(2);
}
const example = await startS3Example({
  dataDir: process.argv[2] ?? './s3-data',
  port: Number(process.argv[3] ?? 9000),
  iamd: {
    endpoint,
    credentials: { accessKeyId, secretAccessKey, ...(sessionToken !== undefined ? { sessionToken } : {}) },
  },
  cacheSeconds: Number(process.env.IAMD_CACHE_SECONDS ?? 0),
});
process.stdout.write(`example S3 service on ${example.url} (path-style), authorizing through ${endpoint}\n`);
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => void example.close().then(() => process.exit(0)));
