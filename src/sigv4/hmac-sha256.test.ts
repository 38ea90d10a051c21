import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { test } from 'node:test';
import fc from 'fast-check';
import { hmacSha256 } from './hmac-sha256.ts';

// Each key is used twice: its first use goes through createHmac, later ones through the padded blocks.
test('RFC 4231 test case 2: HMAC-SHA256 of "what do ya want for nothing?" with key "Jefe"', () => {
  const key = Buffer.from('Jefe');
  for (let i = 0; i < 2; i++) {
    const digest = hmacSha256(key, 'what do ya want for nothing?');
    assert.equal(digest.toString('hex'), '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  }
});

test('RFC 4231 test case 6: a key longer than the block is hashed first', () => {
  const key = Buffer.alloc(131, 0xaa);
  for (let i = 0; i < 2; i++) {
    const digest = hmacSha256(key, 'Test Using Larger Than Block-Size Key - Hash Key First');
    assert.equal(digest.toString('hex'), '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54');
  }
});

test('the same bytes as node:crypto createHmac for any key and message, the same key used again and again', () => {
  const shared = randomBytes(32);
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 100 }), fc.string({ unit: 'grapheme', maxLength: 300 }), (key, message) => {
      const k = Buffer.from(key);
      const expected = createHmac('sha256', k).update(message).digest();
      assert.deepEqual(hmacSha256(k, message), expected);
      assert.deepEqual(hmacSha256(k, message), expected);
      assert.deepEqual(hmacSha256(shared, message), createHmac('sha256', shared).update(message).digest());
    }),
  );
});
