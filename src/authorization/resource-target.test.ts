import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { ServiceData } from '../service-data/index.ts';
import { type AuthorizationInput, resourceTargetOf } from './resource-target.ts';
import { iamCatalog } from './test-catalog.test.ts';

const A = '111122223333';
const env = { partition: 'aws', accountId: A, callerUserName: 'bob' };

type Row = {
  action: string;
  input: AuthorizationInput;
  /** Expected ARN with the looked-up path `/dev/` (create actions ignore it). */
  arn: string;
  lookup?: { type: string; name?: string; arn?: string };
};

const rows: Row[] = [
  { action: 'iam:CreateUser', input: { UserName: 'carol' }, arn: `arn:aws:iam::${A}:user/carol` },
  {
    action: 'iam:CreateUser',
    input: { UserName: 'carol', Path: '/eng/ops/' },
    arn: `arn:aws:iam::${A}:user/eng/ops/carol`,
  },
  {
    action: 'iam:GetUser',
    input: { UserName: 'carol' },
    arn: `arn:aws:iam::${A}:user/dev/carol`,
    lookup: { type: 'user', name: 'carol' },
  },
  { action: 'iam:GetUser', input: {}, arn: `arn:aws:iam::${A}:user/dev/bob`, lookup: { type: 'user', name: 'bob' } },
  {
    action: 'iam:CreateAccessKey',
    input: {},
    arn: `arn:aws:iam::${A}:user/dev/bob`,
    lookup: { type: 'user', name: 'bob' },
  },
  {
    action: 'iam:DeleteUser',
    input: { UserName: 'x' },
    arn: `arn:aws:iam::${A}:user/dev/x`,
    lookup: { type: 'user', name: 'x' },
  },
  {
    action: 'iam:AttachUserPolicy',
    input: { UserName: 'bob', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
    arn: `arn:aws:iam::${A}:user/dev/bob`,
    lookup: { type: 'user', name: 'bob' },
  },
  {
    action: 'iam:PutUserPolicy',
    input: { UserName: 'bob', PolicyName: 'p', PolicyDocument: '{}' },
    arn: `arn:aws:iam::${A}:user/dev/bob`,
    lookup: { type: 'user', name: 'bob' },
  },
  {
    action: 'iam:PutUserPermissionsBoundary',
    input: { UserName: 'bob', PermissionsBoundary: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
    arn: `arn:aws:iam::${A}:user/dev/bob`,
    lookup: { type: 'user', name: 'bob' },
  },
  { action: 'iam:CreateGroup', input: { GroupName: 'admins', Path: '/x/' }, arn: `arn:aws:iam::${A}:group/x/admins` },
  {
    action: 'iam:AddUserToGroup',
    input: { GroupName: 'admins', UserName: 'bob' },
    arn: `arn:aws:iam::${A}:group/dev/admins`,
    lookup: { type: 'group', name: 'admins' },
  },
  {
    action: 'iam:CreateRole',
    input: { RoleName: 'r1', AssumeRolePolicyDocument: '{}' },
    arn: `arn:aws:iam::${A}:role/r1`,
  },
  {
    action: 'iam:UpdateAssumeRolePolicy',
    input: { RoleName: 'r1' },
    arn: `arn:aws:iam::${A}:role/dev/r1`,
    lookup: { type: 'role', name: 'r1' },
  },
  {
    action: 'iam:PassRole',
    input: { RoleName: 'r1' },
    arn: `arn:aws:iam::${A}:role/dev/r1`,
    lookup: { type: 'role', name: 'r1' },
  },
  { action: 'iam:CreatePolicy', input: { PolicyName: 'p', Path: '/team/' }, arn: `arn:aws:iam::${A}:policy/team/p` },
  {
    action: 'iam:CreatePolicyVersion',
    input: { PolicyArn: `arn:aws:iam::${A}:policy/team/p` },
    arn: `arn:aws:iam::${A}:policy/team/p`,
    lookup: { type: 'policy', arn: `arn:aws:iam::${A}:policy/team/p` },
  },
  {
    action: 'iam:GetPolicy',
    input: { PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
    arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
    lookup: { type: 'policy', arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
  },
  {
    action: 'iam:CreateInstanceProfile',
    input: { InstanceProfileName: 'ip' },
    arn: `arn:aws:iam::${A}:instance-profile/ip`,
  },
  {
    action: 'iam:AddRoleToInstanceProfile',
    input: { InstanceProfileName: 'ip', RoleName: 'r1' },
    arn: `arn:aws:iam::${A}:instance-profile/dev/ip`,
    lookup: { type: 'instance-profile', name: 'ip' },
  },
  {
    action: 'iam:CreateVirtualMFADevice',
    input: { VirtualMFADeviceName: 'phone' },
    arn: `arn:aws:iam::${A}:mfa/phone`,
  },
  {
    action: 'iam:DeleteVirtualMFADevice',
    input: { SerialNumber: `arn:aws:iam::${A}:mfa/phone` },
    arn: `arn:aws:iam::${A}:mfa/phone`,
  },
  {
    action: 'iam:CreateOpenIDConnectProvider',
    input: { Url: 'https://token.actions.githubusercontent.com' },
    arn: `arn:aws:iam::${A}:oidc-provider/token.actions.githubusercontent.com`,
  },
  {
    action: 'iam:GetSAMLProvider',
    input: { SAMLProviderArn: `arn:aws:iam::${A}:saml-provider/okta` },
    arn: `arn:aws:iam::${A}:saml-provider/okta`,
  },
  {
    action: 'iam:SimulatePrincipalPolicy',
    input: { PolicySourceArn: `arn:aws:iam::${A}:role/r1` },
    arn: `arn:aws:iam::${A}:role/r1`,
    lookup: { type: 'role', arn: `arn:aws:iam::${A}:role/r1` },
  },
  { action: 'iam:ListUsers', input: {}, arn: '*' },
  { action: 'iam:ListRoles', input: {}, arn: '*' },
  { action: 'iam:GetAccountSummary', input: {}, arn: '*' },
  { action: 'iam:CreateAccountAlias', input: { AccountAlias: 'x' }, arn: '*' },
  { action: 'iam:CreateUser', input: {}, arn: `arn:aws:iam::${A}:user/` },
  {
    action: 'sts:AssumeRole',
    input: { RoleArn: `arn:aws:iam::${A}:role/r1`, RoleSessionName: 's' },
    arn: `arn:aws:iam::${A}:role/r1`,
    lookup: { type: 'role', arn: `arn:aws:iam::${A}:role/r1` },
  },
  { action: 'sts:GetFederationToken', input: { Name: 'fed' }, arn: `arn:aws:sts::${A}:federated-user/fed` },
  { action: 'sts:GetSessionToken', input: {}, arn: '*' },
];

describe('resourceTargetOf builds the resource ARN from the action data and the input', () => {
  let data: ServiceData;
  before(async () => {
    data = await iamCatalog();
  });
  for (const row of rows) {
    it(`${row.action} ${JSON.stringify(row.input)} acts on ${row.arn}`, () => {
      const info = data.action(row.action);
      assert.ok(info, `unknown action ${row.action}`);
      const target = resourceTargetOf(info, row.input, env);
      // CreateUser without a name: the name placeholder stays unfilled, so the ARN names no user.
      const arn = target.arn('/dev/');
      if (row.action === 'iam:CreateUser' && row.input['UserName'] === undefined) assert.equal(arn, '*');
      else assert.equal(arn, row.arn);
      assert.deepEqual(target.lookup, row.lookup);
    });
  }

  it('every iam and sts action gets a concrete ARN or `*` from a typical input, never a template', () => {
    const input = {
      UserName: 'u',
      GroupName: 'g',
      RoleName: 'r',
      PolicyName: 'p',
      PolicyArn: `arn:aws:iam::${A}:policy/p`,
      InstanceProfileName: 'ip',
      ServerCertificateName: 'c',
      SerialNumber: `arn:aws:iam::${A}:mfa/m`,
      RoleArn: `arn:aws:iam::${A}:role/r`,
      Name: 'n',
    };
    let concrete = 0;
    for (const action of [...data.matchActions('iam:*'), ...data.matchActions('sts:*')]) {
      const arn = resourceTargetOf(data.action(action)!, input, env).arn('/');
      assert.doesNotMatch(arn, /\$\{/, `${action} → ${arn}`);
      if (arn !== '*') concrete++;
    }
    assert.ok(concrete > 120, `only ${concrete} actions got a resource ARN`);
  });
});
