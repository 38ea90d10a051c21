import { isIamError } from '../../shared/index.ts';
import { errorReply } from '../authz/authz-error.ts';

/** Codes only the console API answers with (beside the IAM codes). */
export type ConsoleErrorCode = 'ValidationError' | 'PasswordChangeRequired';

/** An expected failure of the console API, with its HTTP status. Never carries a secret. */
export class ConsoleError extends Error {
  readonly code: ConsoleErrorCode;
  readonly status: number;
  constructor(code: ConsoleErrorCode, status: number, message: string) {
    super(message);
    this.name = 'ConsoleError';
    this.code = code;
    this.status = status;
  }
}

/** The authorize API's envelope: `{ error: { code, message, subject, requestId } }`. */
type ErrorBody = { error: { code: string; message: string; subject: 'caller'; requestId: string } };

/**
 * The console's statuses: a failed sign-in is 401 (one body for every cause), throttling 429, a refusal after
 * the password was right (hard expiry) 403; the rest as the authorize API answers them.
 */
export function consoleErrorReply(error: unknown, requestId: string, failedMessage: string): { status: number; body: ErrorBody } {
  const body = (code: string, message: string): ErrorBody => ({ error: { code, message, subject: 'caller', requestId } });
  if (error instanceof ConsoleError) return { status: error.status, body: body(error.code, error.message) };
  if (isIamError(error) && error.code === 'Throttling') return { status: 429, body: body(error.code, error.message) };
  if (isIamError(error) && error.code === 'AccessDenied')
    return { status: error.message === failedMessage ? 401 : 403, body: body(error.code, error.message) };
  const reply = errorReply(error, requestId);
  return { status: reply.status, body: body(reply.body.error.code, reply.body.error.message) };
}
