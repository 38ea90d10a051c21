/**
 * The engine's principal matcher knows no web-identity caller (a `Federated` principal matches nobody), so a
 * trust policy is rewritten for one AssumeRoleWithWebIdentity decision: a `Principal` whose `Federated` list names
 * the provider becomes `"*"` and the caller is an anonymous principal, which matches only `"*"`. A `NotPrincipal`
 * naming the provider becomes `"*"` (it exempts the caller). Everything else is left as written, so AWS, Service
 * and other Federated principals never match. Only the trust policy decides for a non-IAM caller.
 */
import type { RequestPrincipal } from '../policy/index.ts';

/** The caller of a web-identity trust decision (see the module comment). */
export const WEB_IDENTITY_CALLER: RequestPrincipal = Object.freeze({ type: 'anonymous', arn: null, accountId: null });

function namesProvider(principal: unknown, providerArn: string): boolean {
  if (typeof principal !== 'object' || principal === null || Array.isArray(principal)) return false;
  const federated = (principal as Record<string, unknown>)['Federated'];
  const list = Array.isArray(federated) ? federated : [federated];
  return list.some((f) => f === providerArn);
}

/** The trust policy as the engine should see it for a token from `providerArn`; unparsable text is returned as is. */
export function webIdentityTrustPolicy(trustPolicy: string, providerArn: string): string {
  let doc: unknown;
  try {
    doc = JSON.parse(trustPolicy);
  } catch {
    return trustPolicy;
  }
  if (typeof doc !== 'object' || doc === null) return trustPolicy;
  const d = doc as Record<string, unknown>;
  const rewrite = (s: unknown): unknown => {
    if (typeof s !== 'object' || s === null || Array.isArray(s)) return s;
    const st = { ...(s as Record<string, unknown>) };
    if ('Principal' in st && namesProvider(st['Principal'], providerArn)) st['Principal'] = '*';
    if ('NotPrincipal' in st && namesProvider(st['NotPrincipal'], providerArn)) st['NotPrincipal'] = '*';
    return st;
  };
  const statements = d['Statement'];
  return JSON.stringify({ ...d, Statement: Array.isArray(statements) ? statements.map(rewrite) : rewrite(statements) });
}
