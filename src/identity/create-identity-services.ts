import { accessKeyOperations } from './access-keys.ts';
import { accountOperations } from './account-operations.ts';
import { createAccountService } from './account-service.ts';
import { CredentialCache } from './credential-cache.ts';
import { groupOperations } from './groups.ts';
import type { IamOperations } from './iam-operations.ts';
import { loginProfileOperations } from './login-profiles.ts';
import type { ServiceCore } from './service-core.ts';
import type { IdentityDeps, IdentityLogger, IdentityServices } from './services.ts';
import { userOperations } from './users.ts';

const consoleLogger: IdentityLogger = { warn: (obj, msg) => console.warn(msg, obj) };

/** Wires the identity services over a store, a clock and a sealer. */
export function createIdentityServices(deps: IdentityDeps): IdentityServices {
  const logger = deps.logger ?? consoleLogger;
  const cache = new CredentialCache({ store: deps.store, sealer: deps.sealer, clock: deps.clock, logger });
  const core: ServiceCore = {
    store: deps.store,
    clock: deps.clock,
    sealer: deps.sealer,
    cache,
    passwordCheck: deps.passwordCheck ?? (async () => {}),
    logger,
  };
  const iam: IamOperations = Object.freeze({
    ...userOperations(core),
    ...groupOperations(core),
    ...accessKeyOperations(core),
    ...loginProfileOperations(core),
    ...accountOperations(core),
  });
  return Object.freeze({ iam, accounts: createAccountService(core), credentials: cache });
}
