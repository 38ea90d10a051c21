/**
 * The one error class that domain code throws. `code` is an AWS error code from a closed union; the
 * HTTP status is decided only in api/ (error-response.ts), never here.
 */
export type IamErrorCode =
  // IAM modelled errors
  | 'NoSuchEntity'
  | 'EntityAlreadyExists'
  | 'DeleteConflict'
  | 'LimitExceeded'
  | 'MalformedPolicyDocument'
  | 'InvalidInput'
  | 'UnmodifiableEntity'
  | 'PasswordPolicyViolation'
  | 'EntityTemporarilyUnmodifiable'
  | 'ConcurrentModification'
  | 'InvalidAuthenticationCode'
  | 'PolicyNotAttachable'
  | 'PolicyEvaluation'
  | 'ReportInProgress'
  | 'ReportNotPresent'
  | 'ReportExpired'
  | 'ReportGenerationLimitExceeded'
  | 'DuplicateSSHPublicKey'
  | 'InvalidPublicKey'
  | 'UnrecognizedPublicKeyEncoding'
  | 'InvalidCertificate'
  | 'MalformedCertificate'
  | 'DuplicateCertificate'
  | 'KeyPairMismatch'
  | 'NotSupportedService'
  | 'OpenIdIdpCommunicationError'
  | 'ServiceFailure'
  // STS modelled errors
  | 'ExpiredTokenException'
  | 'PackedPolicyTooLarge'
  | 'RegionDisabledException'
  | 'IDPRejectedClaim'
  | 'IDPCommunicationError'
  | 'InvalidIdentityToken'
  | 'InvalidAuthorizationMessageException'
  // common errors (any AWS Query service)
  | 'AccessDenied'
  | 'ValidationError'
  | 'MissingAction'
  | 'InvalidAction'
  | 'MissingParameter'
  | 'InvalidParameterValue'
  | 'InvalidParameterCombination'
  | 'MalformedQueryString'
  | 'IncompleteSignature'
  | 'MissingAuthenticationToken'
  | 'InvalidClientTokenId'
  | 'SignatureDoesNotMatch'
  | 'RequestExpired'
  | 'ExpiredToken'
  | 'Throttling'
  | 'InternalFailure'
  | 'ServiceUnavailable'
  // authorize API (issue 7) codes for signature problems seen on the platform's behalf
  | 'InvalidAccessKeyId'
  | 'RequestTimeTooSkewed';

/** An expected, AWS-shaped failure. The message uses AWS's wording where AWS has one. */
export class IamError extends Error {
  readonly code: IamErrorCode;
  /** Optional structured detail for explanations (never secrets). */
  readonly detail: unknown;

  constructor(code: IamErrorCode, message: string, detail?: unknown) {
    super(message);
    this.name = 'IamError';
    this.code = code;
    this.detail = detail;
  }
}

/** True when `e` is an IamError (also across module copies). */
export function isIamError(e: unknown): e is IamError {
  return e instanceof IamError || (e instanceof Error && e.name === 'IamError' && 'code' in e);
}
