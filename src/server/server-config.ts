import { z } from 'zod';

/** Everything `iamd serve` can be told, after validation. */
export type ServerConfig = {
  host: string;
  port: number;
  dataDir: string;
  databaseUrl?: string;
  /** 32 bytes; absent → `<dataDir>/master.key`, generated on first start. */
  masterKey?: Buffer;
  accountId: string;
  rootAccessKeyId?: string;
  rootSecretAccessKey?: string;
  /** The default account's root sign-in e-mail and password (console sign-in). */
  rootEmail?: string;
  rootPassword?: string;
  dev: boolean;
  /**
   * Whose X-Forwarded-For to believe for aws:SourceIp: false (default: the socket address), true (any proxy),
   * or a list of proxy addresses / CIDR ranges.
   */
  trustProxy: boolean | string[];
  /**
   * Dev only: where to fetch OpenID Connect issuers' discovery documents and JWKS instead of their https URL, as
   * `https://issuer=http://127.0.0.1:9000[,...]`, so a local issuer can be tried. Token `iss` and provider URLs stay https.
   */
  oidcIssuerMap?: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** How often (ms) to look for writes by other processes sharing the database, to drop stale cache entries. */
  cachePollMs: number;
};

/** The default port: documented in docs/server.md. */
export const DEFAULT_PORT = 4599;
/** How often iamd looks for other processes' writes by default (docs/server.md). */
export const DEFAULT_CACHE_POLL_MS = 1000;
/** The default account id of a fresh iamd (AWS's documentation example account). */
export const DEFAULT_ACCOUNT_ID = '123456789012';

/** A configuration problem; the message names the setting. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

function parseMasterKey(value: string): Buffer | undefined {
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, 'hex');
  if (/^[A-Za-z0-9+/]{43}=?$/.test(value) || /^[A-Za-z0-9_-]{43}$/.test(value)) {
    const key = Buffer.from(value, value.includes('-') || value.includes('_') ? 'base64url' : 'base64');
    if (key.length === 32) return key;
  }
  return undefined;
}

const boolText = z
  .string()
  .trim()
  .toLowerCase()
  .refine((v) => ['1', 'true', 'yes', 'on', '0', 'false', 'no', 'off', ''].includes(v), 'must be 1/true or 0/false')
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

/** One entry per setting: its env name, its flag, and its schema (env values are strings; flags may be typed). */
const SETTINGS = {
  host: { env: 'IAMD_HOST', flag: '--host', schema: z.string().trim().min(1, 'must not be empty') },
  port: {
    env: 'IAMD_PORT',
    flag: '--port',
    schema: z.coerce
      .number({ error: 'must be a port from 0 to 65535' })
      .int('must be a port from 0 to 65535')
      .min(0, 'must be a port from 0 to 65535')
      .max(65535, 'must be a port from 0 to 65535'),
  },
  dataDir: { env: 'IAMD_DATA_DIR', flag: '--data-dir', schema: z.string().trim().min(1, 'must not be empty') },
  databaseUrl: {
    env: 'IAMD_DATABASE_URL',
    flag: '--database-url',
    schema: z.string().regex(/^postgres(ql)?:\/\/.+/, 'must be a postgres:// or postgresql:// URL'),
  },
  masterKey: {
    env: 'IAMD_MASTER_KEY',
    flag: undefined,
    schema: z.string().transform((v, c) => {
      const key = parseMasterKey(v.trim());
      if (!key) c.addIssue({ code: 'custom', message: 'must be 32 bytes as base64 or as 64 hex characters' });
      return key ?? Buffer.alloc(0);
    }),
  },
  accountId: {
    env: 'IAMD_ACCOUNT_ID',
    flag: '--account-id',
    schema: z.string().regex(/^\d{12}$/, 'must be 12 digits'),
  },
  rootAccessKeyId: {
    env: 'IAMD_ROOT_ACCESS_KEY_ID',
    flag: '--root-access-key-id',
    schema: z.string().regex(/^[A-Z0-9]{16,128}$/, 'must be 16 to 128 upper-case letters and digits (like AKIA...)'),
  },
  rootSecretAccessKey: {
    env: 'IAMD_ROOT_SECRET_ACCESS_KEY',
    flag: undefined,
    schema: z.string().regex(/^[A-Za-z0-9/+=]{16,128}$/, 'must be 16 to 128 characters of [A-Za-z0-9/+=]'),
  },
  rootEmail: {
    env: 'IAMD_ROOT_EMAIL',
    flag: undefined,
    schema: z.string().trim().regex(/^[^\s@]{1,64}@[^\s@]+\.[^\s@]+$/, 'must be an e-mail address').max(254),
  },
  rootPassword: {
    env: 'IAMD_ROOT_PASSWORD',
    flag: undefined,
    schema: z.string().min(1, 'must not be empty').max(128, 'must be at most 128 characters'),
  },
  dev: { env: 'IAMD_DEV', flag: '--dev', schema: z.union([z.boolean(), boolText]) },
  trustProxy: {
    env: 'IAMD_TRUST_PROXY',
    flag: '--trust-proxy',
    schema: z
      .string()
      .trim()
      .transform((v, c): boolean | string[] => {
        const lower = v.toLowerCase();
        if (['1', 'true', 'yes', 'on'].includes(lower)) return true;
        if (['0', 'false', 'no', 'off', ''].includes(lower)) return false;
        const list = v.split(',').map((x) => x.trim());
        if (list.every((x) => /^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(x))) return list;
        c.addIssue({ code: 'custom', message: 'must be true/false or a comma-separated list of proxy addresses or CIDRs' });
        return false;
      }),
  },
  oidcIssuerMap: {
    env: 'IAMD_OIDC_ISSUER_MAP',
    flag: '--oidc-issuer-map',
    schema: z
      .string()
      .trim()
      .regex(
        /^https:\/\/[^=,\s]+=https?:\/\/[^=,\s]+(\s*,\s*https:\/\/[^=,\s]+=https?:\/\/[^=,\s]+)*$/,
        'must be https://ISSUER=URL pairs separated by commas',
      ),
  },
  cachePollMs: {
    env: 'IAMD_CACHE_POLL_MS',
    flag: '--cache-poll-ms',
    schema: z.coerce
      .number({ error: 'must be a whole number of milliseconds from 100 to 60000' })
      .int('must be a whole number of milliseconds from 100 to 60000')
      .min(100, 'must be a whole number of milliseconds from 100 to 60000')
      .max(60000, 'must be a whole number of milliseconds from 100 to 60000'),
  },
  logLevel: {
    env: 'IAMD_LOG_LEVEL',
    flag: '--log-level',
    schema: z.enum(
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
      'must be one of fatal, error, warn, info, debug, trace, silent',
    ),
  },
} as const;

type SettingName = keyof typeof SETTINGS;

/** The IAMD_* variables iamd reads; any other IAMD_* is a typo and stops start-up (ecosystem.md item 2). */
export const KNOWN_ENV: readonly string[] = Object.values(SETTINGS).map((s) => s.env);
// Test-suite settings (IAMD_TEST_POSTGRES_URL, IAMD_TEST_AWS_CLI) live in the same environment as CI's server.
const TEST_ENV = /^IAMD_TEST_/;

/** Flags as commander gives them (camelCase names); secrets have no flag, so they never show in `ps`. */
export type ServerFlags = Partial<Record<SettingName, string | number | boolean | undefined>>;

/**
 * Builds the server configuration from flags and environment (flags win). Every problem is reported at once,
 * each naming its setting: `IAMD_PORT (--port): must be a port from 0 to 65535 (got "70000")`.
 */
export function loadServerConfig(flags: ServerFlags, env: NodeJS.ProcessEnv): ServerConfig {
  const problems: string[] = [];
  for (const name of Object.keys(env)) {
    if (name.startsWith('IAMD_') && !KNOWN_ENV.includes(name) && !TEST_ENV.test(name)) {
      problems.push(`${name}: unknown setting (known: ${KNOWN_ENV.join(', ')})`);
    }
  }
  const values: Record<string, unknown> = {};
  for (const [name, setting] of Object.entries(SETTINGS) as [SettingName, (typeof SETTINGS)[SettingName]][]) {
    const fromFlag = flags[name];
    const raw = fromFlag ?? env[setting.env];
    if (raw === undefined || (typeof raw === 'string' && raw === '' && fromFlag === undefined)) continue;
    const result = (setting.schema as z.ZodType).safeParse(raw);
    const label = setting.flag ? `${setting.env} (${setting.flag})` : setting.env;
    if (result.success) values[name] = result.data;
    else {
      const shown = name === 'masterKey' || name === 'rootSecretAccessKey' || name === 'rootPassword' ? '' : ` (got ${JSON.stringify(raw)})`;
      problems.push(`${label}: ${result.error.issues.map((i) => i.message).join('; ')}${shown}`);
    }
  }
  if ((values['rootAccessKeyId'] === undefined) !== (values['rootSecretAccessKey'] === undefined)) {
    problems.push('IAMD_ROOT_ACCESS_KEY_ID and IAMD_ROOT_SECRET_ACCESS_KEY: give both or neither');
  }
  if (values['rootPassword'] !== undefined && values['rootEmail'] === undefined) {
    problems.push('IAMD_ROOT_PASSWORD: needs IAMD_ROOT_EMAIL (the address root signs in with)');
  }
  if (values['oidcIssuerMap'] !== undefined && values['dev'] !== true) {
    problems.push('IAMD_OIDC_ISSUER_MAP (--oidc-issuer-map): needs IAMD_DEV (outside dev mode issuers are fetched over https only)');
  }
  if (problems.length > 0) throw new ConfigError(`invalid configuration:\n  ${problems.join('\n  ')}`);
  return {
    host: (values['host'] as string | undefined) ?? '127.0.0.1',
    port: (values['port'] as number | undefined) ?? DEFAULT_PORT,
    dataDir: (values['dataDir'] as string | undefined) ?? './.iamd',
    databaseUrl: values['databaseUrl'] as string | undefined,
    masterKey: values['masterKey'] as Buffer | undefined,
    accountId: (values['accountId'] as string | undefined) ?? DEFAULT_ACCOUNT_ID,
    rootAccessKeyId: values['rootAccessKeyId'] as string | undefined,
    rootSecretAccessKey: values['rootSecretAccessKey'] as string | undefined,
    rootEmail: values['rootEmail'] as string | undefined,
    rootPassword: values['rootPassword'] as string | undefined,
    dev: (values['dev'] as boolean | undefined) ?? false,
    trustProxy: (values['trustProxy'] as boolean | string[] | undefined) ?? false,
    oidcIssuerMap: values['oidcIssuerMap'] as string | undefined,
    logLevel: (values['logLevel'] as ServerConfig['logLevel'] | undefined) ?? 'info',
    cachePollMs: (values['cachePollMs'] as number | undefined) ?? DEFAULT_CACHE_POLL_MS,
  };
}
