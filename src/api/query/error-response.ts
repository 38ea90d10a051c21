import { type IamErrorCode, isIamError } from '../../shared/index.ts';
import { buildXml, type QueryService, xmlText } from './xml-encoder.ts';

/**
 * THE place where an AWS error code becomes an HTTP status (api-surface.md: common errors and the modelled
 * error table). Exhaustive: a new code in shared/ is a compile error here until it has a status.
 */
const STATUS = {
  NoSuchEntity: 404,
  EntityAlreadyExists: 409,
  DeleteConflict: 409,
  LimitExceeded: 409,
  MalformedPolicyDocument: 400,
  InvalidInput: 400,
  UnmodifiableEntity: 400,
  PasswordPolicyViolation: 400,
  EntityTemporarilyUnmodifiable: 409,
  ConcurrentModification: 409,
  InvalidAuthenticationCode: 403,
  PolicyNotAttachable: 400,
  PolicyEvaluation: 500,
  ReportInProgress: 404,
  ReportNotPresent: 410,
  ReportExpired: 410,
  ReportGenerationLimitExceeded: 409,
  DuplicateSSHPublicKey: 400,
  InvalidPublicKey: 400,
  UnrecognizedPublicKeyEncoding: 400,
  InvalidCertificate: 400,
  MalformedCertificate: 400,
  DuplicateCertificate: 409,
  KeyPairMismatch: 400,
  NotSupportedService: 404,
  OpenIdIdpCommunicationError: 400,
  ServiceFailure: 500,
  ExpiredTokenException: 400,
  PackedPolicyTooLarge: 400,
  RegionDisabledException: 403,
  IDPRejectedClaim: 403,
  IDPCommunicationError: 400,
  InvalidIdentityToken: 400,
  InvalidAuthorizationMessageException: 400,
  AccessDenied: 403,
  ValidationError: 400,
  MissingAction: 400,
  InvalidAction: 400,
  MissingParameter: 400,
  InvalidParameterValue: 400,
  InvalidParameterCombination: 400,
  MalformedQueryString: 404,
  IncompleteSignature: 400,
  MissingAuthenticationToken: 403,
  InvalidClientTokenId: 403,
  SignatureDoesNotMatch: 403,
  RequestExpired: 400,
  ExpiredToken: 403,
  Throttling: 400,
  InternalFailure: 500,
  ServiceUnavailable: 503,
  InvalidAccessKeyId: 403,
  RequestTimeTooSkewed: 403,
} as const satisfies Record<IamErrorCode, number>;

/** The HTTP status AWS uses for an error code. */
export function statusOf(code: IamErrorCode): number {
  return STATUS[code];
}

/** A rendered error: status and XML body. */
export interface ErrorResponse {
  readonly status: number;
  readonly code: IamErrorCode;
  readonly body: string;
}

/**
 * Renders any thrown value as AWS's `ErrorResponse`. An IamError keeps its code and message; anything else is a
 * bug and becomes `500 InternalFailure` carrying only the request id (no detail leaks to the client).
 */
export function errorResponse(error: unknown, service: QueryService, requestId: string): ErrorResponse {
  const code: IamErrorCode = isIamError(error) ? error.code : 'InternalFailure';
  const message = isIamError(error) ? error.message : undefined;
  const status = statusOf(code);
  const body = buildXml('ErrorResponse', service, {
    Error: {
      Type: status >= 500 ? 'Receiver' : 'Sender',
      Code: code,
      ...(message === undefined ? {} : { Message: xmlText(message) }),
    },
    RequestId: xmlText(requestId),
  });
  return { status, code, body };
}
