import { IamError } from '../../../shared/index.ts';
import { type StsService, stsCallerOf } from '../../../sts/index.ts';
import type { ActionCall, ActionHandler } from '../action-handler.ts';
import { decodeInput } from '../input-decoder.ts';
import { int, list, optional, required, str, struct, tag } from '../shapes.ts';
import { accessKeyInfo, callerIdentity } from '../sts-identity.ts';

const noInput = struct({});
const getAccessKeyInfo = struct({ AccessKeyId: required(str) });
const decodeMessage = struct({ EncodedMessage: optional(str) });
const mfa = { SerialNumber: optional(str), TokenCode: optional(str) } as const;
const sessionShape = {
  Policy: optional(str),
  PolicyArns: optional(list(struct({ arn: optional(str) }))),
  Tags: optional(list(tag)),
} as const;
// Required members are checked by sts/ itself, so every violation is reported in AWS's one-message form.
const assumeRole = struct({
  RoleArn: optional(str),
  RoleSessionName: optional(str),
  DurationSeconds: optional(int),
  ExternalId: optional(str),
  SourceIdentity: optional(str),
  TransitiveTagKeys: optional(list(str)),
  ...sessionShape,
  ...mfa,
});
const getSessionToken = struct({ DurationSeconds: optional(int), ...mfa });
const assumeRoleWithWebIdentity = struct({
  RoleArn: optional(str),
  RoleSessionName: optional(str),
  WebIdentityToken: optional(str),
  ProviderId: optional(str),
  Policy: optional(str),
  PolicyArns: optional(list(struct({ arn: optional(str) }))),
  DurationSeconds: optional(int),
});
const getFederationToken = struct({ Name: optional(str), DurationSeconds: optional(int), ...sessionShape });

/** The signed STS action names iamd answers (the unsigned AssumeRoleWithWebIdentity is in UNSIGNED_STS_ACTIONS below). */
export type StsActionName =
  | 'AssumeRole'
  | 'GetSessionToken'
  | 'GetFederationToken'
  | 'GetCallerIdentity'
  | 'GetAccessKeyInfo'
  | 'DecodeAuthorizationMessage';

/** The STS service, or InvalidAction when the app was registered without it. */
function stsOf(call: ActionCall, action: string): StsService {
  const sts = call.services.sts;
  if (sts === undefined) throw new IamError('InvalidAction', `Could not find operation ${action} for version 2011-06-15`);
  return sts;
}

/** PolicyArns as sts/ takes them: a missing `arn` member becomes '' so sts/ reports it as a violation. */
function policyArns(items: readonly { arn?: string | undefined }[] | undefined): { arn: string }[] | undefined {
  return items?.map((p) => ({ arn: p.arn ?? '' }));
}

/** The STS actions: each decodes, calls sts/ and returns AWS's result shape. */
export const STS_ACTIONS = {
  AssumeRole: async (call) => {
    const input = decodeInput(assumeRole, call.params);
    const caller = stsCallerOf(call.ctx.caller, call.ctx.partition, call.session);
    return stsOf(call, 'AssumeRole').assumeRole(
      caller,
      { ...input, PolicyArns: policyArns(input.PolicyArns) },
      call.requestKeys ?? {},
    );
  },
  GetSessionToken: async (call) => {
    const input = decodeInput(getSessionToken, call.params);
    return stsOf(call, 'GetSessionToken').getSessionToken(
      stsCallerOf(call.ctx.caller, call.ctx.partition, call.session),
      input,
    );
  },
  GetFederationToken: async (call) => {
    const input = decodeInput(getFederationToken, call.params);
    return stsOf(call, 'GetFederationToken').getFederationToken(
      stsCallerOf(call.ctx.caller, call.ctx.partition, call.session),
      { ...input, PolicyArns: policyArns(input.PolicyArns) },
    );
  },
  GetCallerIdentity: async (call) => {
    decodeInput(noInput, call.params);
    if (call.session !== undefined) return stsOf(call, 'GetCallerIdentity').getCallerIdentity({ type: 'session', session: call.session });
    return callerIdentity(call.ctx);
  },
  GetAccessKeyInfo: ({ ctx, params, services }) =>
    accessKeyInfo(ctx, decodeInput(getAccessKeyInfo, params), services.credentials),
  DecodeAuthorizationMessage: async (call) =>
    stsOf(call, 'DecodeAuthorizationMessage').decodeAuthorizationMessage(decodeInput(decodeMessage, call.params)),
} satisfies Record<StsActionName, ActionHandler>;

/** What an unsigned action gets: no caller, only the form, the request-wide keys and the STS service. */
export interface UnsignedActionCall {
  readonly params: Map<string, string>;
  /** `aws:SourceIp`, `aws:SecureTransport` for the trust decision. */
  readonly requestKeys: Readonly<Record<string, string>>;
  readonly sts?: StsService;
}

/** A handler for an action AWS's SDKs send without a signature. */
export type UnsignedActionHandler = (call: UnsignedActionCall) => Promise<object>;

/** The unsigned STS actions iamd answers (AssumeRoleWithSAML is not built). */
export const UNSIGNED_STS_ACTIONS: Readonly<Record<'AssumeRoleWithWebIdentity', UnsignedActionHandler>> = {
  AssumeRoleWithWebIdentity: async ({ params, requestKeys, sts }) => {
    const input = decodeInput(assumeRoleWithWebIdentity, params);
    if (sts === undefined)
      throw new IamError('InvalidAction', 'Could not find operation AssumeRoleWithWebIdentity for version 2011-06-15');
    return sts.assumeRoleWithWebIdentity({ ...input, PolicyArns: policyArns(input.PolicyArns) }, requestKeys);
  },
};
