import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { GetUserCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { errorCode, rawRequest, rejection, signedRequest, startTestServer, type TestServer } from './harness.ts';

const FORM = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };
const IAM_GET_USER = 'Action=GetUser&Version=2010-05-08';
const STS_WHOAMI = 'Action=GetCallerIdentity&Version=2011-06-15';

describe('authentication and routing errors', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer();
  });
  after(() => t.close());

  test('a wrong secret for a known key is SignatureDoesNotMatch 403', async () => {
    const e = await rejection(
      t
        .iam({ credentials: { accessKeyId: t.root.accessKeyId, secretAccessKey: 'x'.repeat(40) } })
        .send(new GetUserCommand({})),
    );
    assert.equal(e.name, 'SignatureDoesNotMatch');
    assert.equal(e.status, 403);
    assert.match(e.message, /^The request signature we calculated does not match the signature you provided/);
  });

  test('an unknown access key is InvalidClientTokenId 403 outside dev mode', async () => {
    const e = await rejection(
      t
        .sts({ credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'y'.repeat(40) } })
        .send(new GetCallerIdentityCommand({})),
    );
    assert.equal(e.name, 'InvalidClientTokenId');
    assert.equal(e.status, 403);
    assert.equal(e.message, 'The security token included in the request is invalid.');
  });

  test('a session token on an unknown key is InvalidClientTokenId', async () => {
    const e = await rejection(
      t
        .sts({
          credentials: { accessKeyId: 'ASIAIOSFODNN7EXAMPLE', secretAccessKey: 'y'.repeat(40), sessionToken: 'tok' },
        })
        .send(new GetCallerIdentityCommand({})),
    );
    assert.equal(e.name, 'InvalidClientTokenId');
  });

  test('a client clock 20 minutes behind is RequestExpired 400', async () => {
    const e = await rejection(t.iam({ systemClockOffset: -20 * 60 * 1000 }).send(new GetUserCommand({})));
    assert.equal(e.name, 'RequestExpired');
    assert.equal(e.status, 400);
  });

  test('a client clock 20 minutes ahead is RequestExpired too', async () => {
    const e = await rejection(t.sts({ systemClockOffset: 20 * 60 * 1000 }).send(new GetCallerIdentityCommand({})));
    assert.equal(e.name, 'RequestExpired');
  });

  test('no signature at all is MissingAuthenticationToken 403 as XML', async () => {
    const r = await rawRequest(t.port, { headers: FORM, body: IAM_GET_USER });
    assert.equal(r.status, 403);
    assert.equal(errorCode(r.body), 'MissingAuthenticationToken');
    assert.match(String(r.headers['content-type']), /^text\/xml/);
    assert.match(String(r.headers['x-amzn-requestid']), /^[0-9a-f-]{36}$/);
  });

  test('an Authorization header without Signature is IncompleteSignature 400', async () => {
    const r = await rawRequest(t.port, {
      headers: {
        ...FORM,
        authorization: `AWS4-HMAC-SHA256 Credential=${t.root.accessKeyId}/20261122/us-east-1/iam/aws4_request`,
      },
      body: IAM_GET_USER,
    });
    assert.equal(r.status, 400);
    assert.equal(errorCode(r.body), 'IncompleteSignature');
  });

  test('a garbage Authorization header is an AWS error, never a 500', async () => {
    for (const authorization of [
      'garbage',
      'AWS4-HMAC-SHA256 ',
      'AWS4-HMAC-SHA256 Credential=/,,,=',
      'AWS abc:def',
      '\u00ff',
    ]) {
      const r = await rawRequest(t.port, { headers: { ...FORM, authorization }, body: IAM_GET_USER });
      assert.ok(r.status >= 400 && r.status < 500, `${authorization}: ${r.status}`);
      assert.ok(errorCode(r.body), `${authorization}: ${r.body}`);
    }
  });

  test('a body changed after signing is SignatureDoesNotMatch', async () => {
    const r = await signedRequest(t.port, `${IAM_GET_USER}&UserName=a`, {
      credentials: t.root,
      tamper: (b) => Buffer.from(b.toString().replace('UserName=a', 'UserName=b')),
    });
    assert.equal(r.status, 403);
    assert.equal(errorCode(r.body), 'SignatureDoesNotMatch');
  });

  test('a signed request with an unknown action is InvalidAction 400 naming it', async () => {
    const r = await signedRequest(t.port, 'Action=FlyToTheMoon&Version=2010-05-08', { credentials: t.root });
    assert.equal(r.status, 400);
    assert.equal(errorCode(r.body), 'InvalidAction');
    assert.match(r.body, /FlyToTheMoon/);
  });

  test('a signed request without Action is MissingAction 400', async () => {
    const r = await signedRequest(t.port, 'Version=2010-05-08', { credentials: t.root });
    assert.equal(r.status, 400);
    assert.equal(errorCode(r.body), 'MissingAction');
  });

  test('the wrong Version is InvalidAction; a missing Version is MissingParameter', async () => {
    const wrong = await signedRequest(t.port, 'Action=GetUser&Version=2011-06-15', { credentials: t.root });
    assert.equal(errorCode(wrong.body), 'InvalidAction');
    const missing = await signedRequest(t.port, 'Action=GetUser', { credentials: t.root });
    assert.equal(errorCode(missing.body), 'MissingParameter');
  });

  test('routing follows the credential scope: an STS action signed for iam is InvalidAction', async () => {
    const r = await signedRequest(t.port, 'Action=GetCallerIdentity&Version=2010-05-08', {
      credentials: t.root,
      service: 'iam',
    });
    assert.equal(errorCode(r.body), 'InvalidAction');
    const ok = await signedRequest(t.port, STS_WHOAMI, { credentials: t.root, service: 'sts' });
    assert.equal(ok.status, 200);
    assert.match(
      ok.body,
      /^<\?xml[^>]*>\n<GetCallerIdentityResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/">/,
    );
  });

  test('a scope naming another service is SignatureDoesNotMatch', async () => {
    const r = await signedRequest(t.port, IAM_GET_USER, { credentials: t.root, service: 's3' });
    assert.equal(r.status, 403);
    assert.equal(errorCode(r.body), 'SignatureDoesNotMatch');
    assert.match(r.body, /Credential should be scoped to correct service: 'iam'/);
  });

  test('GET /?Action=... signed in the header works, and so does a presigned GetCallerIdentity URL', async () => {
    const query = { Action: 'GetCallerIdentity', Version: '2011-06-15' };
    const viaHeader = await signedRequest(t.port, '', { credentials: t.root, service: 'sts', method: 'GET', query });
    assert.equal(viaHeader.status, 200, viaHeader.body);
    assert.match(viaHeader.body, /<Arn>arn:aws:iam::\d{12}:root<\/Arn>/);
    const presigned = await signedRequest(t.port, '', {
      credentials: t.root,
      service: 'sts',
      method: 'GET',
      query,
      presign: true,
    });
    assert.equal(presigned.status, 200, presigned.body);
    assert.match(presigned.body, /<GetCallerIdentityResult>/);
  });

  test('unsigned AssumeRoleWithWebIdentity is routed to STS by its action, without credentials', async () => {
    const r = await rawRequest(t.port, {
      headers: FORM,
      body: 'Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleArn=arn:aws:iam::123456789012:role/r&RoleSessionName=s&WebIdentityToken=t',
    });
    assert.notEqual(errorCode(r.body), 'MissingAuthenticationToken');
    assert.match(r.body, /xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/"/);
    // Answered by sts/: the one-character token fails its length constraint before any verification.
    assert.equal(errorCode(r.body), 'ValidationError');
  });

  test('unsigned AssumeRoleWithSAML is routed to STS and answered InvalidAction (SAML is not implemented)', async () => {
    const r = await rawRequest(t.port, {
      headers: FORM,
      body: 'Action=AssumeRoleWithSAML&Version=2011-06-15&RoleArn=arn:aws:iam::123456789012:role/r&PrincipalArn=arn:aws:iam::123456789012:saml-provider/p&SAMLAssertion=abcd',
    });
    assert.match(r.body, /xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/"/);
    assert.equal(errorCode(r.body), 'InvalidAction');
  });
});
