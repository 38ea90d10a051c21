import type { ManagedPolicyDocuments } from './policy-documents.ts';
import { parsePolicyArn } from './policy-refs.ts';
import type { ServiceCore } from './service-core.ts';

const ACCOUNT_OF_ARN = /^arn:[^:]+:iam::(\d{12}):policy\//;
/** Bounds the cache; documents are re-read after it is cleared. */
const MAX_CACHED = 10_000;

/**
 * AWS managed policies from the catalogue, customer managed policies from the store (default version, path and
 * name must match the ARN). Answers are cached per ARN and dropped when the policy's account changes.
 */
export function managedPolicyDocuments(core: ServiceCore): ManagedPolicyDocuments {
  const cache = new Map<string, string | undefined>();
  core.changes.subscribe((accountId) => {
    for (const arn of cache.keys()) if (ACCOUNT_OF_ARN.exec(arn)?.[1] === accountId) cache.delete(arn);
  });
  const read = async (arn: string): Promise<string | undefined> => {
    const parts = parsePolicyArn(arn);
    if (parts === undefined) return undefined;
    if (parts.owner === 'aws') return core.catalog.find(parts.path, parts.name)?.document;
    const policy = await core.store.getPolicyByName(parts.owner, parts.name);
    if (policy === undefined || policy.path !== parts.path) return undefined;
    return (await core.store.getPoliciesWithDefaultDocument([policy.policyId])).get(policy.policyId)?.document;
  };
  return {
    async documentOf(policyArn: string): Promise<string | undefined> {
      if (cache.has(policyArn)) return cache.get(policyArn);
      const document = await read(policyArn);
      if (cache.size >= MAX_CACHED) cache.clear();
      cache.set(policyArn, document);
      return document;
    },
  };
}
