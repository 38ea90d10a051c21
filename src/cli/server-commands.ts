import type { Command } from 'commander';
import type { ServerFlags } from '../server/index.ts';
import { isIamError, systemClock } from '../shared/index.ts';

/** server/ (fastify, the store, argon2...) is loaded only by the commands that use it, so `iamd policy` starts fast. */
const loadServer = () => import('../server/index.ts');

type StoreFlags = { dataDir?: string; databaseUrl?: string };

function withStoreOptions(command: Command): Command {
  return command
    .option('--data-dir <dir>', 'data directory (env IAMD_DATA_DIR, default ./.iamd)')
    .option('--database-url <url>', 'PostgreSQL URL (env IAMD_DATABASE_URL); default SQLite in the data directory');
}

/** Loads the configuration or exits with the message naming the bad setting (exit code 2). */
async function configOrExit(flags: ServerFlags) {
  const { loadServerConfig, ConfigError } = await loadServer();
  try {
    return loadServerConfig(flags, process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`iamd: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}

async function serve(flags: ServerFlags): Promise<void> {
  const config = await configOrExit(flags);
  const { startServer } = await loadServer();
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer(config);
  } catch (error) {
    // Start-up failures a person can fix (port taken, store unreachable, bad root key) as one line, not a stack.
    const reason = isIamError(error) ? `${error.code}: ${error.message}` : String((error as Error).message ?? error);
    process.stderr.write(`iamd: cannot start: ${reason}\n`);
    process.exit(1);
  }
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    process.stderr.write(`iamd: ${signal} received, shutting down\n`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`iamd: error while shutting down: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

/** Runs a command; an AWS-shaped failure (bad id, taken alias) is printed as `iamd: Code: message`, exit 1. */
async function reported(work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (!isIamError(error)) throw error;
    process.stderr.write(`iamd: ${error.code}: ${error.message}\n`);
    process.exitCode = 1;
  }
}

type CreateFlags = StoreFlags & { id?: string; alias?: string; email?: string; json?: boolean };

async function createAccount(flags: CreateFlags): Promise<void> {
  const config = await configOrExit({ dataDir: flags.dataDir, databaseUrl: flags.databaseUrl });
  const { openIdentity } = await loadServer();
  const identity = await openIdentity(config, { clock: systemClock });
  try {
    const created = await identity.services.accounts.createAccount({
      accountId: flags.id,
      alias: flags.alias,
      ...(flags.email !== undefined ? { email: flags.email } : {}),
    });
    const { accessKeyId, secretAccessKey } = created.rootCredentials;
    if (flags.json) {
      const { alias, email } = flags;
      process.stdout.write(
        `${JSON.stringify({ accountId: created.accountId, alias, email, accessKeyId, secretAccessKey }, null, 2)}\n`,
      );
    } else {
      process.stdout.write(
        `account ${created.accountId}${flags.alias ? ` (alias ${flags.alias})` : ''} created\n` +
          (flags.email ? `root e-mail:            ${flags.email} (set a password: iamd accounts set-root-password)\n` : '') +
          `root access key id:     ${accessKeyId}\n` +
          `root secret access key: ${secretAccessKey}\n` +
          'The secret is shown only now: store it safely.\n',
      );
    }
  } finally {
    await identity.close();
  }
}

/** Reads a password from standard input (a pipe or a file): everything up to the first line break; undefined on a terminal. */
async function readPasswordFromStdin(): Promise<string | undefined> {
  if (process.stdin.isTTY) return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    size += (chunk as Buffer).length;
    if (size > 4096) break;
  }
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

type RootLoginFlags = StoreFlags & { account: string; email?: string; json?: boolean };

/** `iamd accounts set-root-email` and `set-root-password`: the root user's console sign-in. */
async function setRootLogin(flags: RootLoginFlags, what: 'email' | 'password'): Promise<void> {
  const config = await configOrExit({ dataDir: flags.dataDir, databaseUrl: flags.databaseUrl });
  const password = what === 'password' ? await readPasswordFromStdin() : undefined;
  if (what === 'password' && password === undefined) {
    // Typed passwords would echo on the terminal and land in shell history patterns: ask for a pipe instead.
    process.stderr.write('iamd: pipe the password on standard input, e.g. printf %s "$PW" | iamd accounts set-root-password --account ID\n');
    process.exitCode = 2;
    return;
  }
  const { openIdentity } = await loadServer();
  const identity = await openIdentity(config, { clock: systemClock });
  try {
    if (password !== undefined) await identity.services.accounts.setRootPassword(flags.account, password);
    else await identity.services.accounts.setRootEmail(flags.account, flags.email ?? '');
    const done = what === 'email' ? `root e-mail of ${flags.account} set to ${flags.email}` : `root password of ${flags.account} set`;
    process.stdout.write(flags.json ? `${JSON.stringify({ accountId: flags.account, updated: what })}\n` : `${done}\n`);
  } finally {
    await identity.close();
  }
}

async function listAccounts(flags: StoreFlags & { json?: boolean }): Promise<void> {
  const config = await configOrExit({ dataDir: flags.dataDir, databaseUrl: flags.databaseUrl });
  const { openIdentity } = await loadServer();
  const identity = await openIdentity(config, { clock: systemClock });
  try {
    const accounts = await identity.services.accounts.listAccounts();
    if (flags.json) {
      process.stdout.write(`${JSON.stringify(accounts, null, 2)}\n`);
      return;
    }
    process.stdout.write('ACCOUNT        ALIAS                CREATED\n');
    for (const a of accounts) {
      process.stdout.write(`${a.accountId}   ${(a.alias ?? '-').padEnd(20)} ${a.createDate.toISOString()}\n`);
    }
  } finally {
    await identity.close();
  }
}

async function migrate(flags: StoreFlags & { json?: boolean }): Promise<void> {
  const config = await configOrExit({ dataDir: flags.dataDir, databaseUrl: flags.databaseUrl });
  const { openIdentity } = await loadServer();
  const identity = await openIdentity(config, { clock: systemClock });
  await identity.close();
  const where = config.databaseUrl ? 'PostgreSQL' : `${config.dataDir}/iamd.sqlite`;
  process.stdout.write(
    flags.json
      ? `${JSON.stringify({ migrated: true, store: identity.storeKind })}\n`
      : `migrations applied (${where})\n`,
  );
}

/** `iamd serve`, `iamd accounts create|list`, `iamd migrate`: all go through server/. */
export function registerServerCommands(program: Command): void {
  withStoreOptions(program.command('serve'))
    .description('run the IAM and STS endpoint (default http://127.0.0.1:4599)')
    .option('--host <host>', 'listen address (env IAMD_HOST, default 127.0.0.1)')
    .option('--port <port>', 'listen port (env IAMD_PORT, default 4599; 0 = any free port)')
    .option('--account-id <id>', 'default account id, 12 digits (env IAMD_ACCOUNT_ID, default 123456789012)')
    .option('--root-access-key-id <id>', 'root access key id (env IAMD_ROOT_ACCESS_KEY_ID; secret only by env)')
    .option(
      '--dev',
      'local-development mode: unknown access keys act as the root user; POST /_iamd/reset (env IAMD_DEV)',
    )
    .option('--oidc-issuer-map <pairs>', 'dev only: fetch these OIDC issuers from local URLs, https://ISSUER=URL,... (env IAMD_OIDC_ISSUER_MAP)')
    .option('--trust-proxy <value>', 'believe X-Forwarded-For for aws:SourceIp: true, or proxy addresses/CIDRs (env IAMD_TRUST_PROXY, default false)')
    .option('--log-level <level>', 'fatal|error|warn|info|debug|trace|silent (env IAMD_LOG_LEVEL, default info)')
    .option('--cache-poll-ms <ms>', "how often to look for other iamd processes' writes, 100..60000 (env IAMD_CACHE_POLL_MS, default 1000)")
    .action((flags: ServerFlags) => serve(flags));

  const accounts = program.command('accounts').description('manage accounts (each one isolated, with its root user)');
  withStoreOptions(accounts.command('create'))
    .description("create an account and print its root user's credentials")
    .option('--id <accountId>', '12-digit account id (random when absent)')
    .option('--alias <alias>', 'account alias')
    .option('--email <address>', "the root user's sign-in e-mail address")
    .option('--json', 'print JSON')
    .action((flags: CreateFlags) => reported(() => createAccount(flags)));
  withStoreOptions(accounts.command('set-root-email'))
    .description("set the root user's sign-in e-mail address (unique across accounts)")
    .requiredOption('--account <accountId>', 'the account')
    .requiredOption('--email <address>', 'the e-mail address')
    .option('--json', 'print JSON')
    .action((flags: RootLoginFlags) => reported(() => setRootLogin(flags, 'email')));
  withStoreOptions(accounts.command('set-root-password'))
    .description("set the root user's console password, read from standard input (the password policy applies)")
    .requiredOption('--account <accountId>', 'the account')
    .option('--json', 'print JSON')
    .action((flags: RootLoginFlags) => reported(() => setRootLogin(flags, 'password')));
  withStoreOptions(accounts.command('list'))
    .description('list accounts')
    .option('--json', 'print JSON')
    .action((flags: StoreFlags & { json?: boolean }) => reported(() => listAccounts(flags)));

  withStoreOptions(program.command('migrate'))
    .description('apply pending database migrations and exit')
    .option('--json', 'print JSON')
    .action((flags: StoreFlags & { json?: boolean }) => migrate(flags));
}
