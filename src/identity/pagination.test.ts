import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { decodeMarker, encodeMarker } from './pagination.ts';
import { type Fixture, makeFixture, rejectsWith } from './services-fixture.test.ts';

describe('pagination', () => {
  let f: Fixture;
  const names = Array.from({ length: 23 }, (_, i) => `user-${String(i).padStart(2, '0')}`);
  before(async () => {
    f = await makeFixture();
    for (const UserName of [...names].reverse()) await f.services.iam.createUser(f.root, { UserName });
  });
  after(() => f.close());

  test('markers round-trip and are opaque', () => {
    assert.equal(decodeMarker(encodeMarker('alice')), 'alice');
    assert.ok(!encodeMarker('alice').includes('alice'));
  });

  test('following Marker with MaxItems visits every user once, in name order', async () => {
    const seen: string[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const page = await f.services.iam.listUsers(f.root, { MaxItems: 5, ...(marker ? { Marker: marker } : {}) });
      assert.ok(page.Users.length <= 5);
      seen.push(...page.Users.map((u) => u.UserName));
      marker = page.IsTruncated ? page.Marker : undefined;
      assert.equal(page.IsTruncated, marker !== undefined);
      pages++;
    } while (marker);
    assert.deepEqual(seen, names);
    assert.equal(pages, 5);
  });

  test('MaxItems defaults to 100 and an exact fit is not truncated', async () => {
    const all = await f.services.iam.listUsers(f.root, {});
    assert.equal(all.Users.length, 23);
    assert.equal(all.IsTruncated, false);
    assert.equal(all.Marker, undefined);
    const exact = await f.services.iam.listUsers(f.root, { MaxItems: 23 });
    assert.equal(exact.IsTruncated, false);
  });

  test('a marker iamd did not issue is InvalidInput; MaxItems out of range is a ValidationError', async () => {
    await rejectsWith(f.services.iam.listUsers(f.root, { Marker: 'garbage' }), 'InvalidInput');
    await rejectsWith(f.services.iam.listUsers(f.root, { MaxItems: 1001 }), 'ValidationError', /maxItems/);
  });
});

describe('fetchPage (property)', () => {
  test('following markers over any sorted keys and page size yields every key once, in order', async () => {
    const fc = (await import('fast-check')).default;
    const { fetchPage } = await import('./pagination.ts');
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 8 }), { maxLength: 40 }),
        fc.integer({ min: 1, max: 12 }),
        async (keys, pageSize) => {
          const sorted = [...keys].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
          const source = async (q: { after?: string; limit: number }) =>
            sorted
              .filter((k) => q.after === undefined || Buffer.compare(Buffer.from(k), Buffer.from(q.after)) > 0)
              .slice(0, q.limit);
          const seen: string[] = [];
          let marker: string | undefined;
          do {
            const page = await fetchPage(
              { MaxItems: pageSize, ...(marker ? { Marker: marker } : {}) },
              source,
              (k) => k,
            );
            assert.ok(page.items.length <= pageSize);
            seen.push(...page.items);
            marker = page.Marker;
            assert.equal(page.IsTruncated, marker !== undefined);
          } while (marker);
          assert.deepEqual(seen, sorted);
        },
      ),
      { numRuns: 200 },
    );
  });
});
