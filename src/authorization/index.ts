/** authorization/: gathers the policies that apply to a caller and asks policy/ for a decision; the simulator. */
export { createAuthorizer, type Authorizer, type AuthorizeCall, type AuthorizeResult } from './authorizer.ts';
export type { ActionCatalog, AuthorizerDeps } from './authorization-core.ts';
export type { CacheStats } from './principal-cache.ts';
export type { CallerSession } from './session-subject.ts';
export type { AuthorizationIdentity } from './ports.ts';
export type { AuthorizationInput } from './resource-target.ts';
export type * from './simulation-types.ts';
