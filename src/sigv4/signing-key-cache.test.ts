import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SigningKeyCache, signingKey } from './signing-key-cache.ts';

// AWS General Reference SigV4 example: secret, 20150830, us-east-1, iam.
const AWS_EXAMPLE_SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const AWS_EXAMPLE_KEY = 'c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9';

describe('signingKey', () => {
  it("derives AWS's documented example key", () => {
    assert.equal(signingKey(AWS_EXAMPLE_SECRET, '20150830', 'us-east-1', 'iam').toString('hex'), AWS_EXAMPLE_KEY);
  });

  it('gives the same key through a cache', () => {
    const cache = new SigningKeyCache();
    assert.equal(
      signingKey(AWS_EXAMPLE_SECRET, '20150830', 'us-east-1', 'iam', cache).toString('hex'),
      AWS_EXAMPLE_KEY,
    );
    assert.equal(
      signingKey(AWS_EXAMPLE_SECRET, '20150830', 'us-east-1', 'iam', cache).toString('hex'),
      AWS_EXAMPLE_KEY,
    );
    assert.equal(cache.derivations, 1);
  });
});

describe('SigningKeyCache', () => {
  it('derives once per secret, date, region and service and again for any change', () => {
    const cache = new SigningKeyCache();
    const scopes: [string, string, string, string][] = [
      ['s1', '20261122', 'us-east-1', 'iam'],
      ['s1', '20261122', 'us-east-1', 'iam'],
      ['s2', '20261122', 'us-east-1', 'iam'],
      ['s1', '20261123', 'us-east-1', 'iam'],
      ['s1', '20261122', 'eu-west-1', 'iam'],
      ['s1', '20261122', 'us-east-1', 'sts'],
      ['s1', '20261122', 'us-east-1', 'sts'],
    ];
    for (const s of scopes) cache.get(...s);
    assert.equal(cache.derivations, 5);
    assert.equal(cache.size, 5);
  });

  it('holds at most maxEntries keys, evicting the least recently used', () => {
    const cache = new SigningKeyCache(2);
    cache.get('a', '20261122', 'r', 's');
    cache.get('b', '20261122', 'r', 's');
    cache.get('a', '20261122', 'r', 's'); // a is now the most recent
    cache.get('c', '20261122', 'r', 's'); // evicts b
    assert.equal(cache.size, 2);
    assert.equal(cache.derivations, 3);
    cache.get('a', '20261122', 'r', 's');
    assert.equal(cache.derivations, 3);
    cache.get('b', '20261122', 'r', 's');
    assert.equal(cache.derivations, 4);
  });

  it('clear() forgets every key', () => {
    const cache = new SigningKeyCache();
    cache.get('a', '20261122', 'r', 's');
    cache.clear();
    assert.equal(cache.size, 0);
    cache.get('a', '20261122', 'r', 's');
    assert.equal(cache.derivations, 2);
  });

  it('with an owner, serves the same key and derives once', () => {
    const cache = new SigningKeyCache();
    const owner = { secretAccessKey: AWS_EXAMPLE_SECRET };
    const first = cache.get(AWS_EXAMPLE_SECRET, '20150830', 'us-east-1', 'iam', owner);
    const second = cache.get(AWS_EXAMPLE_SECRET, '20150830', 'us-east-1', 'iam', owner);
    const withoutOwner = cache.get(AWS_EXAMPLE_SECRET, '20150830', 'us-east-1', 'iam');
    assert.equal(first.toString('hex'), AWS_EXAMPLE_KEY);
    assert.equal(second, first);
    assert.equal(withoutOwner, first);
    assert.equal(cache.derivations, 1);
  });

  it("with an owner that presents another secret, derives that secret's key (never a stale one)", () => {
    const cache = new SigningKeyCache();
    const owner = {};
    const a = cache.get('secret-a', '20261122', 'us-east-1', 'iam', owner);
    const b = cache.get('secret-b', '20261122', 'us-east-1', 'iam', owner);
    assert.notDeepEqual(b, a);
    assert.deepEqual(b, signingKey('secret-b', '20261122', 'us-east-1', 'iam'));
    assert.deepEqual(cache.get('secret-a', '20261122', 'us-east-1', 'iam', owner), a);
    assert.equal(cache.derivations, 2);
  });

  it('one owner object shared by two secrets gives each its own key', () => {
    const cache = new SigningKeyCache();
    const shared = {};
    for (let i = 0; i < 3; i++) {
      assert.deepEqual(cache.get('s1', '20261122', 'r', 's', shared), signingKey('s1', '20261122', 'r', 's'));
      assert.deepEqual(cache.get('s2', '20261122', 'r', 's', shared), signingKey('s2', '20261122', 'r', 's'));
    }
  });

  it('refuses a non-positive size', () => {
    assert.throws(() => new SigningKeyCache(0), RangeError);
  });
});
