/**
 * Shared fixture for the STS suites (no tests of its own): roles, sessions as SDK clients. Named `.test.ts` like
 * the other fixtures so nothing in src/ can import it.
 */
import { CreateRoleCommand, type IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, type AssumeRoleCommandInput, type STSClient } from '@aws-sdk/client-sts';
import type { Credentials, TestServer } from './harness.ts';

/** A trust policy letting `principal` (an AWS principal value) assume the role, with optional extra actions. */
export function trustPolicy(principal: string | string[], options: { actions?: string[]; condition?: object } = {}) {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: principal },
        Action: options.actions ?? ['sts:AssumeRole'],
        ...(options.condition ? { Condition: options.condition } : {}),
      },
    ],
  });
}

/** Creates a role (as `admin`) with a trust policy and optional inline permission policy; returns its ARN. */
export async function createRole(
  admin: IAMClient,
  name: string,
  trust: string,
  permissions?: string,
  maxSessionDuration?: number,
): Promise<string> {
  const { Role } = await admin.send(
    new CreateRoleCommand({
      RoleName: name,
      AssumeRolePolicyDocument: trust,
      ...(maxSessionDuration !== undefined ? { MaxSessionDuration: maxSessionDuration } : {}),
    }),
  );
  if (permissions !== undefined)
    await admin.send(new PutRolePolicyCommand({ RoleName: name, PolicyName: 'permissions', PolicyDocument: permissions }));
  return Role!.Arn!;
}

/** The SDK's credentials from an STS `Credentials` element. */
export function sessionCredentials(c: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string }): Credentials {
  return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
}

/** Assumes a role with `sts` and returns IAM and STS clients signed with the session's credentials. */
export async function assume(
  t: TestServer,
  sts: STSClient,
  input: AssumeRoleCommandInput,
  clientOptions: { systemClockOffset?: number } = {},
): Promise<{ iam: IAMClient; sts: STSClient; credentials: Credentials; arn: string }> {
  const out = await sts.send(new AssumeRoleCommand(input));
  const credentials = sessionCredentials(out.Credentials!);
  return {
    iam: t.iam({ credentials, ...clientOptions }),
    sts: t.sts({ credentials, ...clientOptions }),
    credentials,
    arn: out.AssumedRoleUser!.Arn!,
  };
}
