/** server/: the composition root. The only place that constructs concrete things. */
export { startServer, redactUrl, type RunningServer, type StartOptions } from './start-server.ts';
export {
  loadServerConfig,
  ConfigError,
  DEFAULT_ACCOUNT_ID,
  DEFAULT_PORT,
  type ServerConfig,
  type ServerFlags,
} from './server-config.ts';
export { openIdentity, type OpenedIdentity } from './open-identity.ts';
