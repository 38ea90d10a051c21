/** aws:SourceIp is the socket address unless a trusted proxy is configured (IAMD_TRUST_PROXY). */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreateAccessKeyCommand, CreateUserCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { type Credentials, type TestServer, errorCode, signedRequest, startTestServer } from './harness.ts';

const OFFICE_ONLY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Action: 'iam:ListUsers',
      Resource: '*',
      Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
    },
  ],
});

async function officeUser(t: TestServer): Promise<Credentials> {
  const iam = t.iam();
  await iam.send(new CreateUserCommand({ UserName: 'office' }));
  await iam.send(new PutUserPolicyCommand({ UserName: 'office', PolicyName: 'office', PolicyDocument: OFFICE_ONLY }));
  const key = await iam.send(new CreateAccessKeyCommand({ UserName: 'office' }));
  return { accessKeyId: key.AccessKey!.AccessKeyId!, secretAccessKey: key.AccessKey!.SecretAccessKey! };
}

const listUsers = (t: TestServer, credentials: Credentials, headers: Record<string, string> = {}) =>
  signedRequest(t.port, 'Action=ListUsers&Version=2010-05-08', { credentials, headers });

describe('aws:SourceIp behind a trusted proxy', () => {
  let t: TestServer;
  let office: Credentials;
  before(async () => {
    t = await startTestServer({ trustProxy: ['127.0.0.1'] });
    office = await officeUser(t);
  });
  after(() => t.close());

  test('X-Forwarded-For from the trusted proxy is the source address', async () => {
    const res = await listUsers(t, office, { 'x-forwarded-for': '203.0.113.9' });
    assert.equal(res.status, 200, res.body);
  });

  test('without the header the socket address (127.0.0.1) is used, and the condition fails', async () => {
    const res = await listUsers(t, office);
    assert.equal(res.status, 403);
    assert.equal(errorCode(res.body), 'AccessDenied');
  });
});

describe('aws:SourceIp without a trusted proxy', () => {
  let t: TestServer;
  let office: Credentials;
  before(async () => {
    t = await startTestServer();
    office = await officeUser(t);
  });
  after(() => t.close());

  test('a forged X-Forwarded-For is ignored: the socket address decides', async () => {
    const res = await listUsers(t, office, { 'x-forwarded-for': '203.0.113.9' });
    assert.equal(res.status, 403);
    assert.equal(errorCode(res.body), 'AccessDenied');
  });
});
