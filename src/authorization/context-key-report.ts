import type { RequestContext } from '../identity/index.ts';
import { parsePolicy } from '../policy/index.ts';
import { IamError } from '../shared/index.ts';
import type { AuthorizationCore } from './authorization-core.ts';
import type {
  GetContextKeysForCustomPolicyInput,
  GetContextKeysForPolicyResponse,
  GetContextKeysForPrincipalPolicyInput,
} from './simulation-types.ts';
import { loadSubject } from './simulator.ts';

/** The condition keys the policies use, each once (first spelling kept; keys are case-insensitive). */
function contextKeysOf(documents: readonly string[]): string[] {
  const seen = new Map<string, string>();
  for (const document of documents) {
    const parsed = parsePolicy(document);
    if (!parsed.ok) throw new IamError('MalformedPolicyDocument', parsed.malformedMessage);
    for (const s of parsed.policy.statements) {
      for (const c of s.conditions) if (!seen.has(c.key.toLowerCase())) seen.set(c.key.toLowerCase(), c.key);
    }
  }
  return [...seen.values()];
}

/** GetContextKeysForCustomPolicy: the condition keys used by the given policies. */
export function getContextKeysForCustomPolicy(
  input: GetContextKeysForCustomPolicyInput,
): GetContextKeysForPolicyResponse {
  return { ContextKeyNames: contextKeysOf(input.PolicyInputList) };
}

/** GetContextKeysForPrincipalPolicy: the keys of the principal's policies (groups' and boundary included) and the given ones. */
export async function getContextKeysForPrincipalPolicy(
  core: AuthorizationCore,
  ctx: RequestContext,
  input: GetContextKeysForPrincipalPolicyInput,
): Promise<GetContextKeysForPolicyResponse> {
  const { policies } = await loadSubject(core, ctx, input.PolicySourceArn);
  return {
    ContextKeyNames: contextKeysOf([
      ...policies.identity.map((p) => p.document),
      ...(policies.boundary !== undefined ? [policies.boundary.document] : []),
      ...(input.PolicyInputList ?? []),
    ]),
  };
}
