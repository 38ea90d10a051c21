import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { SignatureV4 } from '@smithy/signature-v4';
import type { Command } from 'commander';

/** Long-term (or session) credentials the CLI signs AssumeRole with. */
export type CallerCredentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

/** What `credential_process` expects on stdout (AWS CLI / SDK "Sourcing credentials with an external process"). */
export type CredentialProcessOutput = {
  Version: 1;
  AccessKeyId: string;
  SecretAccessKey: string;
  SessionToken: string;
  Expiration: string;
};

/** iamd's default listen address (server's DEFAULT_PORT; not imported so the command starts without fastify). */
export const DEFAULT_ENDPOINT = 'http://127.0.0.1:4599';

/** A failure to report as `iamd: message` (exit 1). */
export class CredentialsError extends Error {}

type Data = string | ArrayBuffer | ArrayBufferView;
const bytes = (d: Data): string | Uint8Array =>
  typeof d === 'string'
    ? d
    : ArrayBuffer.isView(d)
      ? new Uint8Array(d.buffer, d.byteOffset, d.byteLength)
      : new Uint8Array(d);

/** node:crypto behind the hash interface @smithy/signature-v4 takes. */
class Sha256 {
  #hash: Hash | Hmac;
  constructor(secret?: Data) {
    this.#hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }
  update(data: Data): void {
    this.#hash.update(bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.#hash.digest());
  }
}

/** The `[name]` (or `[profile name]`) sections of an AWS INI file, keys lower-cased. */
export function parseIni(text: string): Map<string, Map<string, string>> {
  const sections = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/^\s+|\s+$/g, '');
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[\s*(?:profile\s+)?([^\]]+?)\s*\]$/.exec(line);
    if (header !== null) {
      current = sections.get(header[1]!) ?? new Map<string, string>();
      sections.set(header[1]!, current);
      continue;
    }
    const eq = line.indexOf('=');
    if (current !== undefined && eq > 0) current.set(line.slice(0, eq).trim().toLowerCase(), line.slice(eq + 1).trim());
  }
  return sections;
}

async function readIni(path: string): Promise<Map<string, Map<string, string>>> {
  try {
    return parseIni(await readFile(path, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw error;
  }
}

/**
 * The caller's credentials: the named profile's static keys (shared credentials file, then config file), else
 * `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` / `AWS_SESSION_TOKEN`. (The SDK's full provider chain is a dev
 * dependency only, so SSO, web identity and nested credential_process profiles are not followed.)
 */
export async function callerCredentials(
  profile: string | undefined,
  env: NodeJS.ProcessEnv,
): Promise<CallerCredentials> {
  const name = profile ?? env['AWS_PROFILE'];
  if (name === undefined && env['AWS_ACCESS_KEY_ID'] && env['AWS_SECRET_ACCESS_KEY']) {
    return {
      accessKeyId: env['AWS_ACCESS_KEY_ID'],
      secretAccessKey: env['AWS_SECRET_ACCESS_KEY'],
      ...(env['AWS_SESSION_TOKEN'] ? { sessionToken: env['AWS_SESSION_TOKEN'] } : {}),
    };
  }
  const wanted = name ?? 'default';
  const files = [
    env['AWS_SHARED_CREDENTIALS_FILE'] ?? join(homedir(), '.aws', 'credentials'),
    env['AWS_CONFIG_FILE'] ?? join(homedir(), '.aws', 'config'),
  ];
  for (const file of files) {
    const section = (await readIni(file)).get(wanted);
    const id = section?.get('aws_access_key_id');
    const secret = section?.get('aws_secret_access_key');
    if (id && secret) {
      const token = section?.get('aws_session_token');
      return { accessKeyId: id, secretAccessKey: secret, ...(token ? { sessionToken: token } : {}) };
    }
  }
  throw new CredentialsError(
    `no credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or give a profile with static keys (looked for [${wanted}] in ${files.join(', ')})`,
  );
}

const element = (xml: string, name: string): string | undefined =>
  new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1]?.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** Calls AssumeRole on `endpoint` (signed SigV4 for `sts`) and returns the credential_process document. */
export async function assumeRoleForProcess(options: {
  endpoint: string;
  region: string;
  credentials: CallerCredentials;
  roleArn: string;
  roleSessionName: string;
  durationSeconds?: number;
}): Promise<CredentialProcessOutput> {
  const url = new URL(options.endpoint);
  const form = new URLSearchParams({
    Action: 'AssumeRole',
    Version: '2011-06-15',
    RoleArn: options.roleArn,
    RoleSessionName: options.roleSessionName,
    ...(options.durationSeconds !== undefined ? { DurationSeconds: String(options.durationSeconds) } : {}),
  });
  const body = form.toString();
  const signer = new SignatureV4({
    service: 'sts',
    region: options.region,
    credentials: async () => options.credentials,
    sha256: Sha256,
  });
  const path = url.pathname === '' ? '/' : url.pathname;
  const signed = await signer.sign({
    method: 'POST',
    protocol: url.protocol,
    hostname: url.hostname,
    ...(url.port ? { port: Number(url.port) } : {}),
    path,
    query: {},
    headers: { host: url.host, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body,
  });
  let response: Response;
  try {
    response = await fetch(new URL(path, url), {
      method: 'POST',
      headers: signed.headers as Record<string, string>,
      body,
    });
  } catch (error) {
    throw new CredentialsError(`cannot reach ${options.endpoint}: ${String((error as Error).message ?? error)}`);
  }
  const xml = await response.text();
  if (response.status !== 200) {
    const code = element(xml, 'Code') ?? `HTTP ${response.status}`;
    throw new CredentialsError(`${code}: ${element(xml, 'Message') ?? 'AssumeRole failed'}`);
  }
  const AccessKeyId = element(xml, 'AccessKeyId');
  const SecretAccessKey = element(xml, 'SecretAccessKey');
  const SessionToken = element(xml, 'SessionToken');
  const Expiration = element(xml, 'Expiration');
  if (!AccessKeyId || !SecretAccessKey || !SessionToken || !Expiration)
    throw new CredentialsError('the AssumeRole answer carried no credentials');
  return { Version: 1, AccessKeyId, SecretAccessKey, SessionToken, Expiration };
}

type CredentialsFlags = {
  roleArn: string;
  roleSessionName?: string;
  durationSeconds?: string;
  endpointUrl?: string;
  profile?: string;
  region?: string;
};

/** Registers `iamd credentials`: prints `credential_process` JSON for a role, assumed through iamd's STS. */
export function registerCredentialsCommand(program: Command): void {
  program
    .command('credentials')
    .description('assume a role through iamd and print credential_process JSON (for ~/.aws/config)')
    .requiredOption('--role-arn <arn>', 'the role to assume')
    .option('--role-session-name <name>', 'session name (default iamd-<epoch seconds>)')
    .option('--duration-seconds <n>', 'session duration in seconds (900 to the role maximum)')
    .option('--endpoint-url <url>', 'iamd URL (env AWS_ENDPOINT_URL_STS or AWS_ENDPOINT_URL; default http://127.0.0.1:4599)')
    .option('--profile <name>', 'profile whose static keys sign the call (env AWS_PROFILE; else AWS_ACCESS_KEY_ID...)')
    .option('--region <region>', 'signing region (env AWS_REGION; default us-east-1)')
    .action(async (flags: CredentialsFlags) => {
      const env = process.env;
      try {
        const duration = flags.durationSeconds === undefined ? undefined : Number(flags.durationSeconds);
        if (duration !== undefined && !Number.isInteger(duration))
          throw new CredentialsError(`--duration-seconds must be a whole number, got ${JSON.stringify(flags.durationSeconds)}`);
        const output = await assumeRoleForProcess({
          endpoint: flags.endpointUrl ?? env['AWS_ENDPOINT_URL_STS'] ?? env['AWS_ENDPOINT_URL'] ?? DEFAULT_ENDPOINT,
          region: flags.region ?? env['AWS_REGION'] ?? env['AWS_DEFAULT_REGION'] ?? 'us-east-1',
          credentials: await callerCredentials(flags.profile, env),
          roleArn: flags.roleArn,
          roleSessionName: flags.roleSessionName ?? `iamd-${Math.floor(Date.now() / 1000)}`,
          ...(duration !== undefined ? { durationSeconds: duration } : {}),
        });
        process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
      } catch (error) {
        if (!(error instanceof CredentialsError)) throw error;
        process.stderr.write(`iamd: ${error.message}\n`);
        process.exitCode = 1;
      }
    });
}
