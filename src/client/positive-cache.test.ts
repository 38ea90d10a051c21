import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ManualClock } from '../shared/index.ts';
import { PositiveCache } from './positive-cache.ts';
import type { AuthorizeResponse } from './types.ts';

const answer = (decision: 'Allow' | 'Deny'): AuthorizeResponse => ({
  decision,
  detail: decision === 'Allow' ? 'Allow' : 'ImplicitDeny',
  action: 's3:GetObject',
  resource: 'arn:aws:s3:::b/k',
  reasons: [],
  perKind: {},
  missingContextKeys: [],
  message: '',
  principal: {
    arn: 'arn:aws:iam::111122223333:user/a',
    accountId: '111122223333',
    userId: 'AIDA',
    type: 'user',
    tags: {},
  },
});

test('an Allow is reused until its lifetime ends, and not a moment after', () => {
  const clock = new ManualClock();
  const cache = new PositiveCache(5, clock);
  const key = cache.keyOf(['req', 'q']);
  cache.remember(key, answer('Allow'));
  clock.advance(4999);
  assert.equal(cache.get(key)?.decision, 'Allow');
  clock.advance(1);
  assert.equal(cache.get(key), undefined);
});

test('a Deny is never cached, and 0 seconds (the default) caches nothing', () => {
  const clock = new ManualClock();
  const on = new PositiveCache(5, clock);
  on.remember('k', answer('Deny'));
  assert.equal(on.get('k'), undefined);
  const off = new PositiveCache(0, clock);
  assert.equal(off.enabled, false);
  off.remember('k', answer('Allow'));
  assert.equal(off.get('k'), undefined);
});

test('different requests have different keys; out-of-range lifetimes are refused', () => {
  const cache = new PositiveCache(1, new ManualClock());
  assert.notEqual(cache.keyOf([{ signature: 'a' }]), cache.keyOf([{ signature: 'b' }]));
  for (const bad of [-1, 61, Number.NaN]) assert.throws(() => new PositiveCache(bad, new ManualClock()), RangeError);
});
