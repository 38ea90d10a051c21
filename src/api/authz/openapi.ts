/** The OpenAPI 3.1 description of the authorize API, served at `GET /v1/openapi.json`. Hand-written data. */

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: ref('Error') } },
});

const signedPost = (summary: string, description: string, request: string, response: string) => ({
  summary,
  description,
  security: [{ sigv4: [] }],
  requestBody: { required: true, content: { 'application/json': { schema: ref(request) } } },
  responses: {
    '200': { description: 'The answer', content: { 'application/json': { schema: ref(response) } } },
    '400': errorResponse(
      'Invalid input, or a malformed signature or a bad or expired session token (S3: InvalidToken, ' +
        'ExpiredToken) on the forwarded request',
    ),
    '403': errorResponse(
      'The API caller is not allowed iamd:Authorize or its own signature failed, or the forwarded request failed SigV4 (subject says which)',
    ),
    '404': errorResponse('principalArn names no existing principal'),
    '500': errorResponse('InternalFailure'),
  },
});

const stringOrList = { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] };

const question = {
  type: 'object',
  additionalProperties: false,
  required: ['action', 'resource'],
  properties: {
    action: { type: 'string', examples: ['s3:GetObject'], description: 'service:Action as the platform authorizes it' },
    resource: {
      type: 'object',
      additionalProperties: false,
      required: ['arn'],
      properties: {
        arn: { type: 'string', examples: ['arn:aws:s3:::bucket/public/a.txt'] },
        accountId: {
          type: 'string',
          pattern: '^\\d{12}$',
          description: "The resource owner's account; needed when the ARN has none (S3) and the owner may differ",
        },
      },
    },
    resourcePolicy: {
      description: "The resource's own policy (JSON text or object), e.g. a bucket policy",
      oneOf: [{ type: 'string' }, { type: 'object' }, { type: 'null' }],
    },
    context: {
      type: 'object',
      additionalProperties: stringOrList,
      description: 'Extra condition keys (aws:SourceIp, s3:prefix, ...). Principal-derived keys cannot be set.',
    },
  },
};

const subject = {
  request: ref('ForwardedRequest'),
  principalArn: {
    type: 'string',
    description: 'An already authenticated principal: user, account root, or arn:aws:sts::A:assumed-role/R/S',
  },
};

/** The document. */
export const AUTHZ_OPENAPI = {
  openapi: '3.1.0',
  info: {
    title: 'iamd authorize API',
    version: '1',
    description:
      'AWS-style IAM for other services: verify a SigV4 request on a platform’s behalf, find the principal, decide with the resource’s policy, and say why.',
  },
  paths: {
    '/v1/authorize': {
      post: signedPost(
        'Decide one question',
        'Give exactly one of request (the signed request the platform received) or principalArn.',
        'AuthorizeRequest',
        'AuthorizeResponse',
      ),
    },
    '/v1/authorize/batch': {
      post: signedPost(
        'Decide up to 100 questions about one request or principal',
        'The forwarded request is verified once; more than 100 questions is a 400 ValidationError.',
        'AuthorizeBatchRequest',
        'AuthorizeBatchResponse',
      ),
    },
    '/v1/simulate': {
      post: signedPost(
        'Run one scenario',
        'The scenario format of docs/policy-engine.md: policies, request, optional expected.',
        'Scenario',
        'SimulationResult',
      ),
    },
    '/v1/security/status': {
      post: signedPost(
        "The caller's account security checklist",
        'Root MFA, root access keys, IAM users, groups for permissions, password policy, key rotation, unused ' +
          'credentials: each check pass or fail, the failing principals and how to fix it. Needs ' +
          'iamd:GetSecurityStatus on *. The body is an empty JSON object.',
        'Empty',
        'SecurityStatus',
      ),
    },
    '/v1/sign-in': {
      post: {
        summary: 'Console sign-in (unsigned): password and MFA code for a short session',
        description:
          'An IAM user sends account (id or alias), userName, password; the root user sends email, password. ' +
          'mfaCode is required when the principal has an MFA device; newPassword changes the password first ' +
          '(required when it expired or must be reset: 403 PasswordChangeRequired). Success returns temporary ' +
          'credentials like GetSessionToken, valid one hour. Every failed sign-in is the same 401 AccessDenied; ' +
          'too many failures per user or source address is 429 Throttling. See docs/account-security.md.',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                additionalProperties: false,
                required: ['password'],
                properties: {
                  account: { type: 'string' },
                  userName: { type: 'string' },
                  email: { type: 'string' },
                  password: { type: 'string' },
                  mfaCode: { type: 'string', pattern: '^\\d{6}$' },
                  newPassword: { type: 'string' },
                },
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'Signed in',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    accountId: { type: 'string' },
                    arn: { type: 'string' },
                    principalType: { enum: ['user', 'root'] },
                    mfaAuthenticated: { type: 'boolean' },
                    passwordChanged: { type: 'boolean' },
                    credentials: {
                      type: 'object',
                      properties: {
                        accessKeyId: { type: 'string' },
                        secretAccessKey: { type: 'string' },
                        sessionToken: { type: 'string' },
                        expiration: { type: 'string', format: 'date-time' },
                      },
                    },
                  },
                },
              },
            },
          },
          '400': errorResponse('ValidationError, or a new password the password policy refuses'),
          '401': errorResponse('AccessDenied: the same answer for every failed sign-in'),
          '403': errorResponse('PasswordChangeRequired, or AccessDenied for a password expired under HardExpiry'),
          '429': errorResponse('Throttling: too many failed attempts'),
        },
      },
    },
    '/v1/openapi.json': {
      get: {
        summary: 'This document',
        responses: { '200': { description: 'OpenAPI 3.1', content: { 'application/json': {} } } },
      },
    },
  },
  components: {
    securitySchemes: {
      sigv4: {
        type: 'apiKey',
        in: 'header',
        name: 'Authorization',
        description:
          'AWS Signature Version 4, service name iamd, any region, by an iamd principal allowed iamd:Authorize on * ' +
          '(long-term keys, or STS session credentials with x-amz-security-token)',
      },
    },
    schemas: {
      ForwardedRequest: {
        type: 'object',
        additionalProperties: false,
        required: ['method', 'path', 'headers'],
        properties: {
          method: { type: 'string' },
          path: { type: 'string', description: 'Raw path as received, percent-encoding intact (may include ?query)' },
          query: { type: 'string', description: 'Raw query string without ?' },
          headers: { type: 'object', additionalProperties: stringOrList },
          payloadHash: { type: 'string', pattern: '^[0-9a-f]{64}$', description: 'Hex SHA-256 of the body' },
          body: { type: 'string', contentEncoding: 'base64' },
        },
      },
      Question: question,
      AuthorizeRequest: {
        allOf: [{ type: 'object', properties: subject }, question],
      },
      AuthorizeBatchRequest: {
        type: 'object',
        additionalProperties: false,
        required: ['questions'],
        properties: { ...subject, questions: { type: 'array', minItems: 1, maxItems: 100, items: ref('Question') } },
      },
      Principal: {
        type: 'object',
        properties: {
          arn: { type: ['string', 'null'] },
          accountId: { type: ['string', 'null'] },
          userId: { type: ['string', 'null'] },
          type: { enum: ['user', 'role-session', 'federated-user', 'root', 'service', 'anonymous'] },
          tags: { type: 'object', additionalProperties: { type: 'string' } },
        },
      },
      Reason: {
        type: 'object',
        required: ['kind', 'policyIndex', 'statementIndex', 'effect', 'pointer'],
        properties: {
          kind: { enum: ['identity', 'resource', 'boundary', 'session', 'scp', 'rcp'] },
          policyIndex: { type: 'integer' },
          policyName: { type: 'string' },
          level: { type: 'integer' },
          statementIndex: { type: 'integer' },
          sid: { type: 'string' },
          effect: { enum: ['Allow', 'Deny'] },
          pointer: { type: 'string' },
        },
      },
      Answer: {
        type: 'object',
        required: ['decision', 'detail', 'action', 'resource', 'reasons', 'perKind', 'missingContextKeys', 'message'],
        properties: {
          decision: { enum: ['Allow', 'Deny'] },
          detail: { enum: ['Allow', 'ExplicitDeny', 'ImplicitDeny'] },
          action: { type: 'string' },
          resource: { type: 'string' },
          reasons: { type: 'array', items: ref('Reason') },
          perKind: {
            type: 'object',
            additionalProperties: { enum: ['Allow', 'ExplicitDeny', 'ImplicitDeny', 'NotApplicable'] },
          },
          missingContextKeys: { type: 'array', items: { type: 'string' } },
          message: { type: 'string' },
        },
      },
      AuthorizeResponse: {
        allOf: [
          ref('Answer'),
          { type: 'object', required: ['principal'], properties: { principal: ref('Principal') } },
        ],
      },
      AuthorizeBatchResponse: {
        type: 'object',
        required: ['principal', 'results'],
        properties: { principal: ref('Principal'), results: { type: 'array', items: ref('Answer') } },
      },
      Scenario: { type: 'object', description: 'See docs/policy-engine.md, the scenario format' },
      Empty: { type: 'object', additionalProperties: false },
      SecurityStatus: {
        type: 'object',
        required: ['accountId', 'checkedAt', 'checks'],
        properties: {
          accountId: { type: 'string' },
          checkedAt: { type: 'string', format: 'date-time' },
          checks: {
            type: 'array',
            items: {
              type: 'object',
              required: ['id', 'title', 'status', 'failing', 'fix'],
              properties: {
                id: { type: 'string', examples: ['root-mfa'] },
                title: { type: 'string' },
                status: { enum: ['pass', 'fail'] },
                failing: { type: 'array', items: { type: 'string' }, description: 'ARNs of the principals that fail' },
                fix: { type: 'string' },
              },
            },
          },
        },
      },
      SimulationResult: {
        type: 'object',
        description:
          'The decision with reasons, perKind, missingContextKeys, explanation; pass when expected was given',
      },
      Error: {
        type: 'object',
        required: ['error'],
        properties: {
          error: {
            type: 'object',
            required: ['code', 'message', 'subject', 'requestId'],
            properties: {
              code: {
                type: 'string',
                examples: [
                  'SignatureDoesNotMatch',
                  'InvalidAccessKeyId',
                  'RequestTimeTooSkewed',
                  'ExpiredToken',
                  'InvalidClientTokenId',
                  'AccessDenied',
                  'ValidationError',
                ],
              },
              message: { type: 'string' },
              subject: {
                enum: ['request', 'caller'],
                description:
                  'request: the forwarded request failed (answer your client with code); caller: the API call itself',
              },
              requestId: { type: 'string' },
            },
          },
        },
      },
    },
  },
} as const;
