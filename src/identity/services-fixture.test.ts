/**
 * Test fixture for the identity services: the real SQLite adapter in memory (tests may reach store/; production
 * code may not), a ManualClock, a fresh sealer, and a default account whose root caller is ready to use.
 * It holds no tests itself; it is named `.test.ts` so that production code and the dependency rule never see it.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { ManualClock, isIamError } from '../shared/index.ts';
import { openStore } from '../store/index.ts';
import { createIdentityServices } from './create-identity-services.ts';
import type { RequestContext } from './request-context.ts';
import { createSealer } from './secret-sealer.ts';
import type { IdentityServices, RootCredentials } from './services.ts';

export const ACCOUNT = '123456789012';

/** Everything a service test needs. */
export type Fixture = {
  services: IdentityServices;
  store: Awaited<ReturnType<typeof openStore>>;
  clock: ManualClock;
  root: RequestContext;
  rootCredentials: RootCredentials;
  masterKey: Buffer;
  warnings: string[];
  /** A context acting as the given IAM user (resolved through one of its keys). */
  asUser(userName: string): Promise<RequestContext>;
  close(): Promise<void>;
};

/** Opens a fresh fixture. */
export async function makeFixture(): Promise<Fixture> {
  const store = await openStore({ filename: ':memory:' });
  const clock = new ManualClock();
  const masterKey = randomBytes(32);
  const warnings: string[] = [];
  const services = createIdentityServices({
    store,
    clock,
    sealer: createSealer(masterKey),
    logger: { warn: (_obj, msg) => warnings.push(msg) },
  });
  const created = await services.accounts.ensureDefaultAccount({ accountId: ACCOUNT });
  const rootCredentials = created.rootCredentials as RootCredentials;
  const resolved = await services.credentials.resolve(rootCredentials.accessKeyId);
  assert.ok(resolved);
  const root: RequestContext = {
    accountId: ACCOUNT,
    partition: 'aws',
    region: 'us-east-1',
    requestId: 'r-1',
    caller: resolved.caller,
  };
  return {
    services,
    store,
    clock,
    root,
    rootCredentials,
    masterKey,
    warnings,
    async asUser(userName) {
      const { AccessKey } = await services.iam.createAccessKey(root, { UserName: userName });
      const r = await services.credentials.resolve(AccessKey.AccessKeyId);
      assert.ok(r);
      return { ...root, caller: r.caller };
    },
    close: () => store.close(),
  };
}

/** Asserts that `p` rejects with an IamError of `code` (and `message`, when given, exactly). */
export async function rejectsWith(p: Promise<unknown>, code: string, message?: string | RegExp): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(isIamError(e), `expected an IamError, got ${String(e)}`);
    assert.equal(e.code, code, e.message);
    if (typeof message === 'string') assert.equal(e.message, message);
    else if (message) assert.match(e.message, message);
    return true;
  });
}
