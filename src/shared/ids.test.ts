import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accountOfAccessKeyId, newAccessKeyId, newSecretAccessKey, newUniqueId } from './ids.ts';

test('access key ids encode their account and read it back', () => {
  for (const account of ['000000000000', '111122223333', '999999999999', '123456789012']) {
    const id = newAccessKeyId('AKIA', account);
    assert.match(id, /^AKIA[A-Z2-7]{16}$/);
    assert.equal(accountOfAccessKeyId(id), account);
    assert.equal(accountOfAccessKeyId(newAccessKeyId('ASIA', account)), account);
  }
});

test('unique ids have the prefix and 21 characters', () => {
  assert.match(newUniqueId('AIDA'), /^AIDA[A-Z2-7]{17}$/);
  assert.equal(newUniqueId('APKA').length, 20);
});

test('secret access keys are 40 characters', () => {
  assert.equal(newSecretAccessKey().length, 40);
});

test('ids that do not encode an account give undefined', () => {
  assert.equal(accountOfAccessKeyId('AKIAIOSFODNN7EXAMPLE'), undefined);
  assert.equal(accountOfAccessKeyId('nope'), undefined);
});
