/**
 * The authorize API's wire shapes, as the client sends and receives them (the server's are in src/api/authz/;
 * the client may not import api/, so they are restated here: keep the two in step with docs/authorize-api.md).
 */

/** The client's request as the platform received it. */
export type ForwardedRequest = {
  method: string;
  /** Raw path as received, percent-encoding intact; may include `?query`. */
  path: string;
  query?: string;
  headers: Record<string, string | string[]>;
  /** Hex SHA-256 of the body. */
  payloadHash?: string;
  /** The body, base64 (prefer payloadHash). */
  body?: string;
};

/** One question about the request or principal. */
export type AuthorizeQuestion = {
  action: string;
  resource: { arn: string; accountId?: string };
  resourcePolicy?: string | Record<string, unknown> | null;
  context?: Record<string, string | string[]>;
};

/** Whom a question is about: a forwarded signed request, or an already authenticated principal. */
export type Subject = { request: ForwardedRequest; principalArn?: never } | { principalArn: string; request?: never };

/** The principal iamd found. */
export type PrincipalView = {
  arn: string | null;
  accountId: string | null;
  userId: string | null;
  type: 'user' | 'role-session' | 'federated-user' | 'root' | 'service' | 'anonymous';
  tags: Record<string, string>;
};

/** A statement that decided. */
export type StatementReason = {
  kind: 'identity' | 'resource' | 'boundary' | 'session' | 'scp' | 'rcp';
  policyIndex: number;
  policyName?: string;
  level?: number;
  statementIndex: number;
  sid?: string;
  effect: 'Allow' | 'Deny';
  pointer: string;
};

/** One answer. */
export type AuthorizeAnswer = {
  decision: 'Allow' | 'Deny';
  detail: 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';
  action: string;
  resource: string;
  reasons: StatementReason[];
  perKind: Record<string, 'Allow' | 'ExplicitDeny' | 'ImplicitDeny' | 'NotApplicable'>;
  missingContextKeys: string[];
  message: string;
};

/** `POST /v1/authorize`'s answer. */
export type AuthorizeResponse = AuthorizeAnswer & { principal: PrincipalView };

/** `POST /v1/authorize/batch`'s answer. */
export type AuthorizeBatchResponse = { principal: PrincipalView; results: AuthorizeAnswer[] };

/** Long-term or session credentials of the API caller. */
export type ClientCredentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
