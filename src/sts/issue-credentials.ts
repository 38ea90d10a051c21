import { newAccessKeyId, newSecretAccessKey } from '../shared/index.ts';
import type { SessionFacts } from './session-facts.ts';
import type { SessionTokenCodec } from './session-token.ts';

/** The `Credentials` element of every STS response. */
export interface Credentials {
  /** `ASIA…`, encoding the session's account. */
  readonly AccessKeyId: string;
  readonly SecretAccessKey: string;
  readonly SessionToken: string;
  readonly Expiration: Date;
}

/** Session facts without the parts issuance fills in (key, secret, times). */
export type SessionDraft = Omit<SessionFacts, 'accessKeyId' | 'secretAccessKey' | 'issuedAt' | 'expiresAt'>;

/**
 * Mints a session: a fresh `ASIA` key for the session's account, a secret, and the sealed token. Times are whole
 * seconds (as `aws:TokenIssueTime` and `Expiration` are).
 */
export function issueCredentials(
  draft: SessionDraft,
  now: Date,
  durationSeconds: number,
  tokens: SessionTokenCodec,
): { credentials: Credentials; facts: SessionFacts } {
  const issuedAt = Math.floor(now.getTime() / 1000) * 1000;
  const facts: SessionFacts = {
    ...draft,
    accessKeyId: newAccessKeyId('ASIA', draft.accountId),
    secretAccessKey: newSecretAccessKey(),
    issuedAt,
    expiresAt: issuedAt + durationSeconds * 1000,
  };
  return {
    facts,
    credentials: {
      AccessKeyId: facts.accessKeyId,
      SecretAccessKey: facts.secretAccessKey,
      SessionToken: tokens.seal(facts),
      Expiration: new Date(facts.expiresAt),
    },
  };
}
