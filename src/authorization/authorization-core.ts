import type { ServiceData } from '../service-data/index.ts';
import type { Clock } from '../shared/index.ts';
import { PrincipalCache } from './principal-cache.ts';
import type { AuthorizationIdentity } from './ports.ts';

/** The service authorization data lookups an authorizer needs (a loaded ServiceData with iam and sts). */
export type ActionCatalog = Pick<ServiceData, 'action' | 'resourceType'>;

/** What createAuthorizer asks for. */
export interface AuthorizerDeps {
  readonly identity: AuthorizationIdentity;
  readonly clock: Clock;
  readonly catalog: ActionCatalog;
}

/** What enforcement and the simulator share: the same sources, cache, catalog and clock. */
export interface AuthorizationCore {
  readonly identity: AuthorizationIdentity;
  readonly cache: PrincipalCache;
  readonly catalog: ActionCatalog;
  readonly clock: Clock;
}

/** Builds the shared core; its cache subscribes to the identity layer's change notifications. */
export function createCore(deps: AuthorizerDeps): AuthorizationCore {
  return {
    identity: deps.identity,
    cache: new PrincipalCache(deps.identity),
    catalog: deps.catalog,
    clock: deps.clock,
  };
}
