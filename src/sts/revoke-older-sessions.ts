import { isoSeconds } from './session-principal.ts';

/** The inline policy name AWS's console uses for "Revoke active sessions". */
export const REVOKE_OLDER_SESSIONS_POLICY_NAME = 'AWSRevokeOlderSessions';

/**
 * The AWS way to revoke sessions: a Deny on everything for tokens issued before `before`. Attach it as an inline
 * policy of the role (or user); sessions issued later are unaffected and long-term credentials have no
 * `aws:TokenIssueTime`, so they are unaffected too. Nothing is stored per session.
 */
export function revokeOlderSessionsPolicy(before: Date): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Deny',
        Action: ['*'],
        Resource: ['*'],
        Condition: { DateLessThan: { 'aws:TokenIssueTime': isoSeconds(before.getTime()) } },
      },
    ],
  });
}
