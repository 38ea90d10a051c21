import { IamError } from '../shared/index.ts';
import type { IdentityReader, UserRecord } from './identity-store.ts';
import type { RequestContext } from './request-context.ts';
import { requireUser } from './service-core.ts';

/**
 * The user whose SSH keys, certificates or service credentials an action manages: the one named, else the
 * calling user. Root has none of these in iamd, so root must name a user.
 */
export async function credentialSubject(
  r: IdentityReader,
  ctx: RequestContext,
  userName: string | undefined,
): Promise<UserRecord> {
  if (userName !== undefined) return requireUser(r, ctx.accountId, userName);
  if (ctx.caller.type === 'user') return requireUser(r, ctx.accountId, ctx.caller.userName);
  throw new IamError('ValidationError', "1 validation error detected: Value null at 'userName' failed to satisfy constraint: Member must not be null");
}
