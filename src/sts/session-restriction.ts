import { IamError } from '../shared/index.ts';
import type { SessionFacts } from './session-facts.ts';
import { INVALID_TOKEN_MESSAGE } from './session-token.ts';

/** STS actions that GetSessionToken credentials may still call. */
const USER_SESSION_STS = new Set(['sts:assumerole', 'sts:getcalleridentity']);

/**
 * The calls a kind of session credentials may not make at all, whatever the policies say (IAM User Guide,
 * "Compare AWS STS credentials" and the GetSessionToken / GetFederationToken API pages):
 *
 * | session from | IAM API | STS API |
 * | --- | --- | --- |
 * | GetSessionToken (user or root) | only when MFA was included | only AssumeRole and GetCallerIdentity |
 * | console sign-in (user or root) | by policy | only AssumeRole and GetCallerIdentity |
 * | GetFederationToken | never | only GetCallerIdentity |
 * | AssumeRole | by policy | all but GetSessionToken and GetFederationToken |
 *
 * Returns the error to answer with, or undefined when policy evaluation decides. Run before the policy decision.
 */
export function sessionRestriction(facts: SessionFacts, action: string): IamError | undefined {
  const lower = action.toLowerCase();
  const service = lower.slice(0, lower.indexOf(':'));
  const name = action.slice(action.indexOf(':') + 1);
  const kind = facts.principal.kind;
  switch (kind) {
    case 'user':
    case 'root':
      // AWS answers an IAM call made without MFA as if the token were unknown.
      if (service === 'iam' && facts.mfaAuthenticatedAt === undefined && facts.console !== true)
        return new IamError('InvalidClientTokenId', INVALID_TOKEN_MESSAGE);
      if (service === 'sts' && !USER_SESSION_STS.has(lower)) return cannotCall(name);
      return undefined;
    case 'federated-user':
      if (service === 'iam') return new IamError('InvalidClientTokenId', INVALID_TOKEN_MESSAGE);
      if (service === 'sts' && lower !== 'sts:getcalleridentity') return cannotCall(name);
      return undefined;
    case 'role-session':
      if (lower === 'sts:getsessiontoken' || lower === 'sts:getfederationtoken') return cannotCall(name);
      return undefined;
  }
}

function cannotCall(operation: string): IamError {
  return new IamError('AccessDenied', `Cannot call ${operation} with session credentials`);
}
