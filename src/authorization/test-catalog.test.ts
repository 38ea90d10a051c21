/**
 * Shared fixture (no tests): the real service authorization data for iam and sts, loaded once per test file.
 * Named `.test.ts` so production code and the dependency rule never see it.
 */
import { ServiceData } from '../service-data/index.ts';

let loading: Promise<ServiceData> | undefined;

/** iam and sts service data, loaded once. */
export function iamCatalog(): Promise<ServiceData> {
  loading ??= ServiceData.load({ services: ['iam', 'sts'] });
  return loading;
}
