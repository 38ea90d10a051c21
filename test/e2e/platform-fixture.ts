/**
 * What the suites that play the platform share (the authorize API, the example S3 service): policy documents,
 * users with access keys, S3 requests signed the way an S3 client signs them, and iamd/client failures.
 */
import { CreateAccessKeyCommand, CreateUserCommand, type IAMClient, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { SignatureV4 } from '@smithy/signature-v4';
import { type ForwardedRequest, IamdApiError } from '../../src/client/index.ts';
import { NodeSha256 } from '../../src/client/node-sha256.ts';
import type { Credentials } from './harness.ts';

/** A policy document of `statements`. */
export const doc = (statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });

/** Creates the user `name` (with the inline policy `p` when `policy` is given) and an access key for it. */
export async function newUser(iam: IAMClient, name: string, policy?: string): Promise<Credentials & { arn: string }> {
  const { User } = await iam.send(new CreateUserCommand({ UserName: name }));
  if (policy !== undefined) {
    await iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'p', PolicyDocument: policy }));
  }
  const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: name }));
  return { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey!, arn: User!.Arn! };
}

/** The headers of an S3 GET with an empty body, before signing. */
const EMPTY_BODY_HEADERS = {
  host: 'objects.local:9000',
  'x-amz-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
};

/**
 * Signs an S3 GET of `path` the way an S3 client would (a session token included), and returns it as the
 * platform would forward it. `headers` replaces the default headers (an empty body's hash, host with a port).
 */
export async function s3Request(
  credentials: Credentials,
  path: string,
  options: { signingDate?: Date; service?: string; headers?: Record<string, string> } = {},
): Promise<ForwardedRequest> {
  const signer = new SignatureV4({
    credentials,
    region: 'us-east-1',
    service: options.service ?? 's3',
    sha256: NodeSha256,
    uriEscapePath: false,
  });
  const signed = await signer.sign(
    {
      method: 'GET',
      protocol: 'http:',
      hostname: 'objects.local',
      path,
      query: {},
      headers: { ...(options.headers ?? EMPTY_BODY_HEADERS) },
    },
    { signingDate: options.signingDate ?? new Date() },
  );
  return { method: 'GET', path, headers: signed.headers as Record<string, string> };
}

/** The IamdApiError `promise` fails with (anything else is rethrown; success is an error). */
export async function failure(promise: Promise<unknown>): Promise<IamdApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof IamdApiError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}
