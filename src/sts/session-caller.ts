import type { Caller } from '../identity/index.ts';
import { rootArn, type SessionFacts, sessionArn, sessionUserId } from './session-facts.ts';

/** The path of a user ARN (`arn:P:iam::A:user/a/b/name` → `/a/b/`). */
function userPath(userArn: string): string {
  const resource = userArn.slice(userArn.indexOf(':user/') + ':user'.length);
  return resource.slice(0, resource.lastIndexOf('/') + 1) || '/';
}

/**
 * Who a request signed with session credentials acts as: a role session, a federated user, or (GetSessionToken)
 * the user or root user itself, so IAM operations that default to the calling user keep working for those.
 */
export function callerOfSession(facts: SessionFacts): Caller {
  const p = facts.principal;
  const common = { accountId: facts.accountId, arn: sessionArn(facts), userId: sessionUserId(facts) };
  switch (p.kind) {
    case 'role-session':
      return { type: 'assumed-role', ...common, roleName: p.roleName, roleArn: p.roleArn };
    case 'federated-user':
      return { type: 'federated-user', ...common };
    case 'user':
      return { type: 'user', ...common, userName: p.userName, path: userPath(p.userArn) };
    case 'root':
      return { type: 'root', ...common, arn: rootArn(facts.partition, facts.accountId) };
  }
}
