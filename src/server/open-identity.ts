import { mkdir } from 'node:fs/promises';
import {
  ChangeNotifier,
  createIdentityServices,
  createSealer,
  type IdentityLogger,
  type IdentityServices,
} from '../identity/index.ts';
import type { Clock } from '../shared/index.ts';
import {
  type AuthorizationMessageCodec,
  createAuthorizationMessageCodec,
  createSessionTokenCodec,
  type SessionTokenCodec,
} from '../sts/index.ts';
import { GenerationWatcher, openStore } from '../store/index.ts';
import { loadMasterKey } from './master-key.ts';
import type { ServerConfig } from './server-config.ts';

/** The identity services over an opened (and migrated) store, without any HTTP. */
export type OpenedIdentity = {
  services: IdentityServices;
  storeKind: 'sqlite' | 'postgres';
  masterKeySource: string;
  /** Seals and opens STS session tokens under a key derived from the master key (any node with it can open them). */
  sessionTokens: SessionTokenCodec;
  /** Seals and opens encoded authorization messages (DecodeAuthorizationMessage). */
  authorizationMessages: AuthorizationMessageCodec;
  close(): Promise<void>;
};

/**
 * Opens the store named by the configuration (migrations run on open), loads or creates the master key and
 * wires the identity services. Used by `serve`, `accounts` and `migrate`.
 */
export async function openIdentity(
  config: Pick<ServerConfig, 'dataDir' | 'databaseUrl' | 'masterKey'>,
  deps: {
    clock: Clock;
    logger?: IdentityLogger;
    /** Poll for other processes' writes every `pollMs` and drop stale cache entries (`serve`; not one-shot CLI runs). */
    watch?: { pollMs: number };
  },
): Promise<OpenedIdentity> {
  await mkdir(config.dataDir, { recursive: true, mode: 0o700 });
  const masterKey = await loadMasterKey(config.masterKey, config.dataDir);
  const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const logger: IdentityLogger = deps.logger ?? { warn: (obj, msg) => console.warn(msg, obj) };
  const changes = new ChangeNotifier((e) => logger.warn({ err: String(e) }, 'a change listener failed'));
  const services = createIdentityServices({
    store,
    clock: deps.clock,
    sealer: createSealer(masterKey.key),
    logger,
    changes,
  });
  let watcher: GenerationWatcher | undefined;
  if (deps.watch) {
    const w = new GenerationWatcher({
      read: () => store.readGenerations(),
      onChange: (accountId) => changes.emit(accountId, 'remote'),
      pollMs: deps.watch.pollMs,
      logger,
    });
    store.onOwnCommit((accountId, generation) => w.noteOwnCommit(accountId, generation));
    await w.start(); // never throws: a failed first poll is logged and the next tick reports every account
    watcher = w;
  }
  return {
    services,
    storeKind: store.kind,
    masterKeySource: masterKey.source,
    sessionTokens: createSessionTokenCodec(masterKey.key),
    authorizationMessages: createAuthorizationMessageCodec(masterKey.key),
    close: async () => {
      await watcher?.stop();
      await store.close();
    },
  };
}
