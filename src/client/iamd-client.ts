import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { SignatureV4 } from '@smithy/signature-v4';
import { type Clock, systemClock } from '../shared/index.ts';
import { IamdApiError } from './iamd-api-error.ts';
import { NodeSha256 } from './node-sha256.ts';
import type {
  AuthorizeBatchResponse,
  AuthorizeQuestion,
  AuthorizeResponse,
  ClientCredentials,
  Subject,
} from './types.ts';

/** Options of {@link createIamdClient}. */
export type IamdClientOptions = {
  /** iamd's base URL, e.g. `http://127.0.0.1:8080`. */
  endpoint: string;
  /** The API caller's credentials (an iamd principal allowed `iamd:Authorize`), or a function giving them. */
  credentials: ClientCredentials | (() => Promise<ClientCredentials>);
  /** Signing region (any; iamd accepts every region). Default `us-east-1`. */
  region?: string;
  /** Per-call timeout in milliseconds. Default 5000. */
  timeoutMs?: number;
  /** The time calls are signed at (default the system clock; tests pass the server's ManualClock). */
  clock?: Clock;
};

/** One check of the account security checklist, as `/v1/security/status` answers it. */
export type SecurityStatusCheck = { id: string; title: string; status: 'pass' | 'fail'; failing: string[]; fix: string };
/** The account security checklist. */
export type SecurityStatus = { accountId: string; checkedAt: string; checks: SecurityStatusCheck[] };

/** The authorize API from Node: every call signed with SigV4 for service `iamd`. Errors throw IamdApiError. */
export interface IamdClient {
  /** One question about a forwarded request or a principal. */
  authorize(input: Subject & AuthorizeQuestion): Promise<AuthorizeResponse>;
  /** Up to 100 questions about one forwarded request or principal. */
  authorizeBatch(input: Subject & { questions: AuthorizeQuestion[] }): Promise<AuthorizeBatchResponse>;
  /** Runs one scenario (the scenario format) and returns the decision with reasons. */
  simulate(scenario: unknown): Promise<Record<string, unknown>>;
  /** The caller's account security checklist (needs `iamd:GetSecurityStatus`). */
  securityStatus(): Promise<SecurityStatus>;
  /** Closes kept-alive connections. */
  close(): void;
}

/** Creates a client. Connections are kept alive; the secret never leaves this process. */
export function createIamdClient(options: IamdClientOptions): IamdClient {
  const base = new URL(options.endpoint);
  const secure = base.protocol === 'https:';
  const agent = secure ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
  const credentials = options.credentials;
  const signer = new SignatureV4({
    service: 'iamd',
    region: options.region ?? 'us-east-1',
    credentials: typeof credentials === 'function' ? credentials : async () => credentials,
    sha256: NodeSha256,
  });
  const timeoutMs = options.timeoutMs ?? 5000;
  const clock = options.clock ?? systemClock;
  const prefix = base.pathname.replace(/\/+$/, '');

  async function post<T>(path: string, payload: unknown): Promise<T> {
    const body = JSON.stringify(payload);
    const signed = await signer.sign(
      {
        method: 'POST',
        protocol: base.protocol,
        hostname: base.hostname,
        ...(base.port ? { port: Number(base.port) } : {}),
        path: `${prefix}${path}`,
        query: {},
        headers: { host: base.host, 'content-type': 'application/json' },
        body,
      },
      { signingDate: clock.now() },
    );
    const send = secure ? httpsRequest : httpRequest;
    const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = send(
        {
          agent,
          method: 'POST',
          protocol: base.protocol,
          hostname: base.hostname,
          port: base.port,
          path: `${prefix}${path}`,
          headers: { ...(signed.headers as Record<string, string>), 'content-length': String(Buffer.byteLength(body)) },
          timeout: timeoutMs,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`iamd did not answer within ${timeoutMs} ms`)));
      req.on('error', reject);
      req.end(body);
    });
    if (status !== 200) throw IamdApiError.fromResponse(status, text);
    return JSON.parse(text) as T;
  }

  return {
    authorize: (input) => post<AuthorizeResponse>('/v1/authorize', input),
    authorizeBatch: (input) => post<AuthorizeBatchResponse>('/v1/authorize/batch', input),
    simulate: (scenario) => post<Record<string, unknown>>('/v1/simulate', scenario),
    securityStatus: () => post<SecurityStatus>('/v1/security/status', {}),
    close: () => agent.destroy(),
  };
}
