import type { ActionHandler } from '../action-handler.ts';
import { decodeInput } from '../input-decoder.ts';
import { required, str, struct } from '../shapes.ts';
import { accessKeyInfo, callerIdentity } from '../sts-identity.ts';

const noInput = struct({});
const getAccessKeyInfo = struct({ AccessKeyId: required(str) });

/** The STS action names iamd answers so far (AssumeRole and friends arrive with sts/). */
export type StsActionName = 'GetCallerIdentity' | 'GetAccessKeyInfo';

/** STS actions of issue 3. */
export const STS_ACTIONS = {
  GetCallerIdentity: async ({ ctx, params }) => {
    decodeInput(noInput, params);
    return callerIdentity(ctx);
  },
  GetAccessKeyInfo: ({ ctx, params, services }) =>
    accessKeyInfo(ctx, decodeInput(getAccessKeyInfo, params), services.credentials),
} satisfies Record<StsActionName, ActionHandler>;
