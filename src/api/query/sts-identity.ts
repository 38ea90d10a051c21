import type { CredentialResolver, RequestContext } from '../../identity/index.ts';
import { IamError, accountOfAccessKeyId } from '../../shared/index.ts';
import { withPartition } from './partition.ts';

/** GetCallerIdentity's result: `UserId` is the account id for root, the AIDA… id for a user. */
export function callerIdentity(ctx: RequestContext): { UserId: string; Account: string; Arn: string } {
  const { caller } = ctx;
  return { UserId: caller.userId, Account: caller.accountId, Arn: withPartition(caller.arn, ctx.partition) };
}

/**
 * GetAccessKeyInfo's result: the account encoded in the key id (as AWS decodes it), else the account of a key
 * iamd holds. Key id constraints from the STS model (`accessKeyIdType`: 16–128, `[\w]+`).
 */
export async function accessKeyInfo(
  _ctx: RequestContext,
  input: { AccessKeyId: string },
  credentials: Pick<CredentialResolver, 'resolve'>,
): Promise<{ Account: string }> {
  const id = input.AccessKeyId;
  const violations: string[] = [];
  const shown = id.length > 256 ? `${id.slice(0, 256)}...` : id;
  if (id.length < 16) {
    violations.push(
      `Value '${shown}' at 'accessKeyId' failed to satisfy constraint: Member must have length greater than or equal to 16`,
    );
  }
  if (id.length > 128) {
    violations.push(
      `Value '${shown}' at 'accessKeyId' failed to satisfy constraint: Member must have length less than or equal to 128`,
    );
  }
  if (!/^\w+$/.test(id)) {
    violations.push(
      `Value '${shown}' at 'accessKeyId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w]+`,
    );
  }
  if (violations.length > 0) {
    const count = violations.length === 1 ? '1 validation error' : `${violations.length} validation errors`;
    throw new IamError('ValidationError', `${count} detected: ${violations.join('; ')}`);
  }
  const account = accountOfAccessKeyId(id) ?? (await credentials.resolve(id))?.accountId;
  if (account === undefined) {
    throw new IamError('InvalidParameterValue', `The access key ID ${id} does not belong to an account known here.`);
  }
  return { Account: account };
}
