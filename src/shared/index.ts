export { IamError, isIamError, type IamErrorCode } from './iam-error.ts';
export { type Clock, systemClock, ManualClock } from './clock.ts';
export {
  newUniqueId,
  newAccessKeyId,
  accountOfAccessKeyId,
  newSecretAccessKey,
  newRequestId,
  type IdPrefix,
} from './ids.ts';
export { assertNever } from './assert-never.ts';
