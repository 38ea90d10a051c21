import type { Caller } from '../identity/index.ts';
import { rootArn, type SessionFacts, sessionArn, sessionUserId } from './session-facts.ts';

/**
 * Who calls an STS operation: long-term root or user credentials, or session credentials (whose facts came from
 * an opened session token). The long-term members match identity's `Caller` plus the request's partition.
 */
export type StsCaller =
  | { readonly type: 'root'; readonly accountId: string; readonly partition: string }
  | {
      readonly type: 'user';
      readonly accountId: string;
      readonly partition: string;
      readonly arn: string;
      readonly userId: string;
      readonly userName: string;
    }
  | { readonly type: 'session'; readonly session: SessionFacts };

/** Adapts identity's `Caller` (plus the request partition, and the session facts when the request was signed with session credentials). */
export function stsCallerOf(caller: Caller, partition: string, session?: SessionFacts): StsCaller {
  if (session !== undefined) return { type: 'session', session };
  if (caller.type === 'root') return { type: 'root', accountId: caller.accountId, partition };
  // Role sessions and federated users always arrive with their facts; without them this is a wiring bug.
  if (caller.type !== 'user') throw new Error(`a ${caller.type} caller needs its session facts`);
  return {
    type: 'user',
    accountId: caller.accountId,
    partition,
    arn: caller.arn,
    userId: caller.userId,
    userName: caller.userName,
  };
}

/** The caller's account. */
export function callerAccountId(caller: StsCaller): string {
  return caller.type === 'session' ? caller.session.accountId : caller.accountId;
}

/** The ARN the caller acts as. */
export function callerArn(caller: StsCaller): string {
  switch (caller.type) {
    case 'root':
      return rootArn(caller.partition, caller.accountId);
    case 'user':
      return caller.arn;
    case 'session':
      return sessionArn(caller.session);
  }
}

/** GetCallerIdentity's answer, in AWS's shape. */
export interface CallerIdentity {
  readonly UserId: string;
  readonly Account: string;
  readonly Arn: string;
}

/**
 * GetCallerIdentity: needs no permission and cannot be denied. UserId is the user's `AIDA…` id, the account id for
 * root, `AROA…:session` for a role session and `ACCOUNT:name` for a federated user.
 */
export function getCallerIdentity(caller: StsCaller): CallerIdentity {
  switch (caller.type) {
    case 'root':
      return { UserId: caller.accountId, Account: caller.accountId, Arn: callerArn(caller) };
    case 'user':
      return { UserId: caller.userId, Account: caller.accountId, Arn: caller.arn };
    case 'session':
      return { UserId: sessionUserId(caller.session), Account: caller.session.accountId, Arn: callerArn(caller) };
  }
}
