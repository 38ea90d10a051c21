/**
 * Shared fixture for the enforcement suites (no tests of its own): users with access keys created by root, and
 * policy documents. Named `.test.ts` like the other fixtures so nothing in src/ can import it.
 */
import { CreateAccessKeyCommand, CreateUserCommand, type IAMClient } from '@aws-sdk/client-iam';
import type { STSClient } from '@aws-sdk/client-sts';
import type { TestServer } from './harness.ts';

/** An IAM user and SDK clients signed with its own access key. */
export type Actor = { name: string; arn: string; iam: IAMClient; sts: STSClient };

/** Creates a user (as root) with an access key and returns clients acting as it. */
export async function createActor(t: TestServer, root: IAMClient, name: string, path = '/'): Promise<Actor> {
  const { User } = await root.send(new CreateUserCommand({ UserName: name, Path: path }));
  const { AccessKey } = await root.send(new CreateAccessKeyCommand({ UserName: name }));
  const credentials = { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
  return { name, arn: User!.Arn!, iam: t.iam({ credentials }), sts: t.sts({ credentials }) };
}

/** A policy document with one statement. */
export function policy(
  effect: 'Allow' | 'Deny',
  action: string | string[],
  resource: string | string[] = '*',
  condition?: object,
): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: effect, Action: action, Resource: resource, ...(condition ? { Condition: condition } : {}) }],
  });
}

/** AWS's AccessDenied message. */
export function deniedMessage(arn: string, action: string, resource: string, reason: string): string {
  return `User: ${arn} is not authorized to perform: ${action} on resource: ${resource} ${reason}`;
}

/** `because no <kind> allows the <action> action`. */
export function noAllow(kind: 'identity-based policy' | 'permissions boundary', action: string): string {
  return `because no ${kind} allows the ${action} action`;
}

/** `with an explicit deny in <kind>`. */
export function explicitDeny(kind: 'an identity-based policy' | 'a permissions boundary'): string {
  return `with an explicit deny in ${kind}`;
}
