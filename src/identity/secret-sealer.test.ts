import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { createSealer } from './secret-sealer.ts';

describe('createSealer (AES-256-GCM)', () => {
  const key = randomBytes(32);
  const sealer = createSealer(key);

  test('a sealed secret opens to the same text with the same key and context', () => {
    const sealed = sealer.seal('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'AKIAEXAMPLE');
    assert.match(sealed, /^v1:[A-Za-z0-9+/]+=*$/);
    assert.equal(sealer.open(sealed, 'AKIAEXAMPLE'), 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
  });

  test('the sealed form never contains the secret and differs on every seal (random IV)', () => {
    const a = sealer.seal('secret-secret-secret');
    const b = sealer.seal('secret-secret-secret');
    assert.notEqual(a, b);
    assert.ok(!a.includes('secret'));
    assert.ok(!Buffer.from(a.slice(3), 'base64').toString('latin1').includes('secret'));
  });

  const failures: [string, (s: string) => string, ReturnType<typeof createSealer>, string | undefined][] = [
    ['a wrong master key fails', (s) => s, createSealer(randomBytes(32)), 'ctx'],
    ['a flipped ciphertext byte fails', (s) => flip(s, 20), sealer, 'ctx'],
    ['a flipped tag byte fails', (s) => flip(s, -1), sealer, 'ctx'],
    ['another context (row) fails', (s) => s, sealer, 'other'],
    ['a truncated value fails', (s) => s.slice(0, 10), sealer, 'ctx'],
    ['an unknown version fails', (s) => s.replace('v1:', 'v9:'), sealer, 'ctx'],
  ];
  for (const [name, mangle, opener, context] of failures) {
    test(name, () => {
      const sealed = sealer.seal('top secret value', 'ctx');
      assert.throws(
        () => opener.open(mangle(sealed), context),
        (e: unknown) => {
          assert.ok(e instanceof Error);
          assert.ok(!e.message.includes('top secret'));
          return true;
        },
      );
    });
  }

  test('a master key that is not 32 bytes is refused', () => {
    assert.throws(() => createSealer(randomBytes(16)), /32 bytes/);
  });
});

function flip(sealed: string, index: number): string {
  const raw = Buffer.from(sealed.slice(3), 'base64');
  const i = index < 0 ? raw.length + index : index;
  raw[i] = (raw[i] as number) ^ 0x01;
  return `v1:${raw.toString('base64')}`;
}
