import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createIdentityServices } from './create-identity-services.ts';
import type { IdentityStore, IdentityWriter } from './identity-store.ts';
import { createSealer } from './secret-sealer.ts';
import { ACCOUNT, type Fixture, makeFixture } from './services-fixture.test.ts';

/** A store whose transactions fail at the named writer method, after earlier writes of the same request. */
function failingAt(store: IdentityStore, method: keyof IdentityWriter): IdentityStore {
  return new Proxy(store, {
    get(target, prop, receiver) {
      if (prop !== 'transaction') return Reflect.get(target, prop, receiver);
      return <T>(work: (tx: IdentityWriter) => Promise<T>) =>
        target.transaction((tx) =>
          work(
            new Proxy(tx, {
              get(t, p, r) {
                if (p === method) return async () => Promise.reject(new Error(`injected failure in ${String(method)}`));
                const v = Reflect.get(t, p, r);
                return typeof v === 'function' ? v.bind(t) : v;
              },
            }),
          ),
        );
    },
  });
}

describe('every API write is one transaction', () => {
  let f: Fixture;
  before(async () => {
    f = await makeFixture();
  });
  after(() => f.close());

  const cases: [
    string,
    keyof IdentityWriter,
    (s: ReturnType<typeof createIdentityServices>, f: Fixture) => Promise<unknown>,
  ][] = [
    [
      'CreateUser failing on its tags leaves no user',
      'setUserTags',
      (s, f) => s.iam.createUser(f.root, { UserName: 'half', Tags: [{ Key: 'a', Value: 'b' }] }),
    ],
    ['CreateAccessKey failing on insert leaves no key', 'insertAccessKey', (s, f) => s.iam.createAccessKey(f.root, {})],
    [
      'CreateGroup failing on insert leaves no group',
      'insertGroup',
      (s, f) => s.iam.createGroup(f.root, { GroupName: 'half' }),
    ],
  ];
  for (const [name, method, act] of cases) {
    test(name, async () => {
      const broken = createIdentityServices({
        store: failingAt(f.store, method),
        clock: f.clock,
        sealer: createSealer(f.masterKey),
      });
      const generation = (await f.store.getAccount(ACCOUNT))?.generation;
      await assert.rejects(act(broken, f), /injected failure/);
      assert.equal((await f.store.getAccount(ACCOUNT))?.generation, generation);
      assert.deepEqual((await f.services.iam.listUsers(f.root, {})).Users, []);
      assert.deepEqual((await f.services.iam.listGroups(f.root, {})).Groups, []);
      assert.equal((await f.services.iam.listAccessKeys(f.root, {})).AccessKeyMetadata.length, 1);
    });
  }

  test('a successful write bumps the account generation once', async () => {
    const before = (await f.store.getAccount(ACCOUNT))?.generation ?? 0;
    await f.services.iam.createUser(f.root, { UserName: 'whole' });
    assert.equal((await f.store.getAccount(ACCOUNT))?.generation, before + 1);
  });
});
