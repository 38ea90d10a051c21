/** api/console: the HTTP sign-in for the web console (unsigned JSON, returns a short session). */
export { registerConsoleApi, type ConsoleApiOptions } from './console-api.ts';
export { CONSOLE_SESSION_SECONDS } from './console-session.ts';
