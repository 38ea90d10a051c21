/** An error answer of the authorize API: `subject` says whether the forwarded request or this caller failed. */
export class IamdApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly subject: 'request' | 'caller';
  readonly requestId: string | undefined;

  constructor(code: string, status: number, message: string, subject: 'request' | 'caller', requestId?: string) {
    super(message);
    this.name = 'IamdApiError';
    this.code = code;
    this.status = status;
    this.subject = subject;
    this.requestId = requestId;
  }

  /** Builds the error from a non-200 answer (a body that is not the JSON envelope becomes InternalFailure). */
  static fromResponse(status: number, text: string): IamdApiError {
    try {
      const body = JSON.parse(text) as {
        error?: { code?: unknown; message?: unknown; subject?: unknown; requestId?: unknown };
      };
      const e = body.error;
      if (e !== undefined && typeof e.code === 'string' && typeof e.message === 'string') {
        return new IamdApiError(
          e.code,
          status,
          e.message,
          e.subject === 'request' ? 'request' : 'caller',
          typeof e.requestId === 'string' ? e.requestId : undefined,
        );
      }
    } catch {
      // not JSON: fall through
    }
    return new IamdApiError('InternalFailure', status, `iamd answered HTTP ${status}`, 'caller');
  }
}
