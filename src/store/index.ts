/** store/: the IdentityStore port implemented with Kysely over SQLite (default) and PostgreSQL. */
export { openStore, type OpenStoreOptions, type OpenedStore } from './open-store.ts';
export {
  type AccountGeneration,
  GenerationWatcher,
  type GenerationWatcherDeps,
  type WatcherTimers,
} from './generation-watcher.ts';
