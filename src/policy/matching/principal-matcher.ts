import type { PrincipalElement } from '../document/types.ts';
import type { RequestPrincipal } from './principal.ts';

/**
 * How a resource-policy `Principal` matched the caller; it decides which implicit denies still limit the grant.
 * `direct`: the user / session / federated-session ARN itself. `role`: the role ARN of a session, or the IAM user
 * behind a federated session. `account`: the caller's account (delegation only). `wildcard`: `"*"`.
 */
export type PrincipalMatch = 'direct' | 'role' | 'account' | 'wildcard';

/** A Principal/NotPrincipal element compiled into sets. */
export interface CompiledPrincipal {
  readonly wildcard: boolean;
  readonly arns: ReadonlySet<string>;
  readonly accounts: ReadonlySet<string>;
  readonly services: ReadonlySet<string>;
  /** `Federated` entries: IAM OIDC provider ARNs (matched exactly). */
  readonly federated: ReadonlySet<string>;
}

const NONE: ReadonlySet<string> = new Set();
const ROOT_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):root$/;

/**
 * Compiles a Principal element. `Federated` entries name web-identity callers by their OIDC provider ARN;
 * `CanonicalUser` entries match none of the engine's caller types.
 */
export function compilePrincipal(element: PrincipalElement): CompiledPrincipal {
  if (element.kind === 'wildcard')
    return { wildcard: true, arns: NONE, accounts: NONE, services: NONE, federated: NONE };
  let wildcard = false;
  const arns = new Set<string>();
  const accounts = new Set<string>();
  const services = new Set<string>();
  for (const value of element.entries.AWS ?? []) {
    const root = ROOT_ARN.exec(value);
    if (value === '*') wildcard = true;
    else if (/^\d{12}$/.test(value)) accounts.add(value);
    else if (root !== null) accounts.add(root[1]!);
    else arns.add(value);
  }
  for (const value of element.entries.Service ?? []) services.add(value.toLowerCase());
  const federated = new Set(element.entries.Federated ?? []);
  return { wildcard, arns, accounts, services, federated };
}

/** The strongest way `compiled` names the caller, or undefined when it does not. */
export function matchPrincipal(compiled: CompiledPrincipal, p: RequestPrincipal): PrincipalMatch | undefined {
  if (compiled.wildcard) return 'wildcard';
  switch (p.type) {
    case 'user':
    case 'root':
      if (p.arn !== null && compiled.arns.has(p.arn)) return 'direct';
      break;
    case 'role-session':
      if (p.arn !== null && compiled.arns.has(p.arn)) return 'direct';
      if (p.roleArn !== undefined && compiled.arns.has(p.roleArn)) return 'role';
      break;
    case 'federated-user':
      if (p.arn !== null && compiled.arns.has(p.arn)) return 'direct';
      if (p.sourceUserArn !== undefined && compiled.arns.has(p.sourceUserArn)) return 'role';
      break;
    case 'service':
      return p.arn !== null && compiled.services.has(p.arn.toLowerCase()) ? 'direct' : undefined;
    case 'web-identity':
      // Only `Federated` naming its provider: the provider's account is not an IAM identity of the caller.
      return p.arn !== null && compiled.federated.has(p.arn) ? 'direct' : undefined;
    case 'anonymous':
      return undefined;
  }
  if (p.accountId !== null && compiled.accounts.has(p.accountId)) return 'account';
  return undefined;
}

/**
 * Whether a `NotPrincipal` list exempts the caller: every identity of the caller must be listed: its own ARN and
 * its account (and, for a role session, also the role). Listing only a user without its account exempts nothing.
 */
export function notPrincipalExempts(compiled: CompiledPrincipal, p: RequestPrincipal): boolean {
  if (compiled.wildcard) return true;
  const account = p.accountId !== null && compiled.accounts.has(p.accountId);
  const own = p.arn !== null && compiled.arns.has(p.arn);
  switch (p.type) {
    case 'user':
    case 'federated-user':
      return own && account;
    case 'role-session':
      return own && account && p.roleArn !== undefined && compiled.arns.has(p.roleArn);
    case 'root':
      return account;
    case 'service':
      return p.arn !== null && compiled.services.has(p.arn.toLowerCase());
    case 'web-identity':
      return p.arn !== null && compiled.federated.has(p.arn);
    case 'anonymous':
      return false;
  }
}
