import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { passwordRuleViolated, type StoredPasswordPolicy } from './password-policy.ts';
import { type Fixture, makeFixture, rejectsWith } from './services-fixture.test.ts';

const DAY = 86_400_000;
const LAX: StoredPasswordPolicy = {
  minimumPasswordLength: 6,
  requireSymbols: false,
  requireNumbers: false,
  requireUppercaseCharacters: false,
  requireLowercaseCharacters: false,
  allowUsersToChangePassword: false,
  maxPasswordAge: 0,
  passwordReusePrevention: 0,
  hardExpiry: false,
};

describe('password rules', () => {
  const cases: [string, Partial<StoredPasswordPolicy>, string, RegExp | undefined][] = [
    ['too short fails on length', { minimumPasswordLength: 10 }, 'abcdefghi', /minimum length of 10/],
    ['exact length passes', { minimumPasswordLength: 10 }, 'abcdefghij', undefined],
    ['no lowercase fails', { requireLowercaseCharacters: true }, 'ABCDEFG1', /lowercase/],
    ['no uppercase fails', { requireUppercaseCharacters: true }, 'abcdefg1', /uppercase/],
    ['no number fails', { requireNumbers: true }, 'abcdefgH', /number/],
    ['no symbol fails', { requireSymbols: true }, 'abcdefgH1', /symbol/],
    ['a listed symbol passes', { requireSymbols: true }, "abcdefg'", undefined],
    ['a symbol AWS does not list fails', { requireSymbols: true }, 'abcdefg~', /symbol/],
    ['everything required and present passes', { requireSymbols: true, requireNumbers: true, requireUppercaseCharacters: true, requireLowercaseCharacters: true }, 'aB3$efgh', undefined],
  ];
  for (const [name, rules, password, expected] of cases) {
    it(name, () => {
      const broken = passwordRuleViolated({ ...LAX, ...rules }, password);
      if (expected) assert.match(broken ?? '', expected);
      else assert.equal(broken, undefined);
    });
  }
});

describe('account password policy operations', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
  });
  afterEach(() => f.close());

  it('get before any update is NoSuchEntity with AWS message', async () => {
    await rejectsWith(
      f.services.iam.getAccountPasswordPolicy(f.root, {}),
      'NoSuchEntity',
      'The Password Policy with domain name 123456789012 cannot be found.',
    );
    await rejectsWith(f.services.iam.deleteAccountPasswordPolicy(f.root, {}), 'NoSuchEntity');
  });

  it('update applies defaults and returns only set optional members', async () => {
    await f.services.iam.updateAccountPasswordPolicy(f.root, { RequireNumbers: true });
    const { PasswordPolicy } = await f.services.iam.getAccountPasswordPolicy(f.root, {});
    assert.deepEqual(PasswordPolicy, {
      MinimumPasswordLength: 6,
      RequireSymbols: false,
      RequireNumbers: true,
      RequireUppercaseCharacters: false,
      RequireLowercaseCharacters: false,
      AllowUsersToChangePassword: false,
      ExpirePasswords: false,
    });
    await f.services.iam.updateAccountPasswordPolicy(f.root, { MaxPasswordAge: 30, PasswordReusePrevention: 3, HardExpiry: true });
    const second = (await f.services.iam.getAccountPasswordPolicy(f.root, {})).PasswordPolicy;
    assert.equal(second.RequireNumbers, false, 'update replaces the whole policy');
    assert.equal(second.ExpirePasswords, true);
    assert.equal(second.MaxPasswordAge, 30);
    assert.equal(second.PasswordReusePrevention, 3);
    assert.equal(second.HardExpiry, true);
    await f.services.iam.deleteAccountPasswordPolicy(f.root, {});
    await rejectsWith(f.services.iam.getAccountPasswordPolicy(f.root, {}), 'NoSuchEntity');
  });

  const limits: [string, object][] = [
    ['length 5 is refused', { MinimumPasswordLength: 5 }],
    ['length 129 is refused', { MinimumPasswordLength: 129 }],
    ['max age 0 is refused', { MaxPasswordAge: 0 }],
    ['max age 1096 is refused', { MaxPasswordAge: 1096 }],
    ['reuse 25 is refused', { PasswordReusePrevention: 25 }],
  ];
  for (const [name, input] of limits) {
    it(name, async () => {
      await rejectsWith(f.services.iam.updateAccountPasswordPolicy(f.root, input), 'ValidationError');
    });
  }

  it('login profiles are checked against the policy and name the broken rule', async () => {
    await f.services.iam.updateAccountPasswordPolicy(f.root, { MinimumPasswordLength: 12, RequireSymbols: true });
    await f.services.iam.createUser(f.root, { UserName: 'alice' });
    await rejectsWith(
      f.services.iam.createLoginProfile(f.root, { UserName: 'alice', Password: 'short$' }),
      'PasswordPolicyViolation',
      /minimum length of 12/,
    );
    await rejectsWith(
      f.services.iam.createLoginProfile(f.root, { UserName: 'alice', Password: 'longenoughbutplain' }),
      'PasswordPolicyViolation',
      /symbol/,
    );
    await assert.rejects(f.services.iam.getLoginProfile(f.root, { UserName: 'alice' }), 'nothing half-written');
    await f.services.iam.createLoginProfile(f.root, { UserName: 'alice', Password: 'longenough$pass' });
    await rejectsWith(
      f.services.iam.updateLoginProfile(f.root, { UserName: 'alice', Password: 'nosymbolshere1' }),
      'PasswordPolicyViolation',
    );
  });
});

describe('ChangePassword', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
    await f.services.iam.createUser(f.root, { UserName: 'bob' });
    await f.services.iam.createLoginProfile(f.root, { UserName: 'bob', Password: 'first-Pass1' });
  });
  afterEach(() => f.close());

  it('a user changes its own password when the old one is right', async () => {
    const bob = await f.asUser('bob');
    await f.services.iam.changePassword(bob, { OldPassword: 'first-Pass1', NewPassword: 'second-Pass2' });
    await rejectsWith(
      f.services.iam.changePassword(bob, { OldPassword: 'first-Pass1', NewPassword: 'third-Pass3' }),
      'InvalidInput',
    );
    await f.services.iam.changePassword(bob, { OldPassword: 'second-Pass2', NewPassword: 'third-Pass3' });
  });

  it('root cannot call ChangePassword and missing members are ValidationError', async () => {
    await rejectsWith(f.services.iam.changePassword(f.root, { OldPassword: 'a', NewPassword: 'b' }), 'InvalidInput');
    const bob = await f.asUser('bob');
    await rejectsWith(f.services.iam.changePassword(bob, { OldPassword: 'first-Pass1' }), 'ValidationError');
    await rejectsWith(
      f.services.iam.changePassword(bob, { OldPassword: 'first-Pass1', NewPassword: 'x'.repeat(129) }),
      'ValidationError',
    );
  });

  it('reuse prevention refuses the last N passwords, then allows an older one', async () => {
    await f.services.iam.updateAccountPasswordPolicy(f.root, { PasswordReusePrevention: 2 });
    const bob = await f.asUser('bob');
    await f.services.iam.changePassword(bob, { OldPassword: 'first-Pass1', NewPassword: 'second-Pass2' });
    await rejectsWith(
      f.services.iam.changePassword(bob, { OldPassword: 'second-Pass2', NewPassword: 'first-Pass1' }),
      'PasswordPolicyViolation',
      /last 2 passwords/,
    );
    await f.services.iam.changePassword(bob, { OldPassword: 'second-Pass2', NewPassword: 'third-Pass3' });
    await f.services.iam.changePassword(bob, { OldPassword: 'third-Pass3', NewPassword: 'first-Pass1' });
  });

  it('with HardExpiry an expired password cannot be changed by the user, only reset', async () => {
    await f.services.iam.updateAccountPasswordPolicy(f.root, { MaxPasswordAge: 10, HardExpiry: true });
    const bob = await f.asUser('bob');
    f.clock.advance(9 * DAY);
    await f.services.iam.changePassword(bob, { OldPassword: 'first-Pass1', NewPassword: 'second-Pass2' });
    f.clock.advance(11 * DAY);
    await rejectsWith(
      f.services.iam.changePassword(bob, { OldPassword: 'second-Pass2', NewPassword: 'third-Pass3' }),
      'EntityTemporarilyUnmodifiable',
    );
    await f.services.iam.updateLoginProfile(f.root, { UserName: 'bob', Password: 'reset-Pass4' });
    await f.services.iam.changePassword(bob, { OldPassword: 'reset-Pass4', NewPassword: 'third-Pass3' });
  });
});
