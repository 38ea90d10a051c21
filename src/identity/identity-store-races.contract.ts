/**
 * Part of the store contract: the identity services over the adapter under test, raced against themselves.
 * Quotas and case-insensitive uniqueness must hold when requests for one account arrive together.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { ManualClock, isIamError } from '../shared/index.ts';
import { createIdentityServices } from './create-identity-services.ts';
import type { IdentityStore } from './identity-store.ts';
import type { RequestContext } from './request-context.ts';
import { createSealer } from './secret-sealer.ts';

/** Registers the race tests; `getStore` is read when the tests run (after the suite's `before`). */
export function runServiceRaceContract(getStore: () => IdentityStore): void {
  async function servicesInNewAccount() {
    const services = createIdentityServices({
      store: getStore(),
      clock: new ManualClock(),
      sealer: createSealer(randomBytes(32)),
    });
    const { accountId, rootCredentials } = await services.accounts.createAccount();
    const resolved = await services.credentials.resolve(rootCredentials.accessKeyId);
    assert.ok(resolved);
    const ctx: RequestContext = {
      accountId,
      partition: 'aws',
      region: 'us-east-1',
      requestId: 'c',
      caller: resolved.caller,
    };
    return { services, ctx };
  }

  test('concurrent CreateAccessKey calls for one user never exceed the quota of 2', async () => {
    const { services, ctx } = await servicesInNewAccount();
    await services.iam.createUser(ctx, { UserName: 'racer' });
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () => services.iam.createAccessKey(ctx, { UserName: 'racer' })),
    );
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 2);
    for (const r of results) {
      if (r.status === 'rejected') assert.ok(isIamError(r.reason) && r.reason.code === 'LimitExceeded');
    }
    assert.equal((await services.iam.listAccessKeys(ctx, { UserName: 'racer' })).AccessKeyMetadata.length, 2);
  });

  test('concurrent CreateUser calls differing only in case: exactly one wins', async () => {
    const { services, ctx } = await servicesInNewAccount();
    const results = await Promise.allSettled(
      ['Twin', 'twin', 'TWIN', 'tWiN'].map((UserName) => services.iam.createUser(ctx, { UserName })),
    );
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
    for (const r of results) {
      if (r.status === 'rejected') assert.ok(isIamError(r.reason) && r.reason.code === 'EntityAlreadyExists');
    }
  });

  test('concurrent AttachUserPolicy calls never exceed 10 policies; concurrent versions never exceed 5', async () => {
    const { services, ctx } = await servicesInNewAccount();
    const doc = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }],
    });
    await services.iam.createUser(ctx, { UserName: 'holder' });
    const arns: string[] = [];
    for (let i = 0; i < 13; i++) {
      arns.push((await services.iam.createPolicy(ctx, { PolicyName: `p${i}`, PolicyDocument: doc })).Policy.Arn);
    }
    const attached = await Promise.allSettled(
      arns.map((PolicyArn) => services.iam.attachUserPolicy(ctx, { UserName: 'holder', PolicyArn })),
    );
    assert.equal(attached.filter((r) => r.status === 'fulfilled').length, 10);
    const listed = await services.iam.listAttachedUserPolicies(ctx, { UserName: 'holder' });
    assert.equal(listed.AttachedPolicies.length, 10);
    const target = arns[12] as string;
    const versions = await Promise.allSettled(
      Array.from({ length: 7 }, () =>
        services.iam.createPolicyVersion(ctx, { PolicyArn: target, PolicyDocument: doc }),
      ),
    );
    assert.equal(versions.filter((r) => r.status === 'fulfilled').length, 4);
    const ids = (await services.iam.listPolicyVersions(ctx, { PolicyArn: target })).Versions.map((v) => v.VersionId);
    assert.deepEqual(ids, ['v5', 'v4', 'v3', 'v2', 'v1']);
  });
}
