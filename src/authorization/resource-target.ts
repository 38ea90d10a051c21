import type { ActionInfo } from '../service-data/index.ts';
import type { DescribedType } from './ports.ts';

/** A decoded AWS input, by AWS member name (`UserName`, `Path`, `Tags: [{ Key, Value }]`, `TagKeys: [...]`). */
export type AuthorizationInput = Readonly<Record<string, unknown>>;

/** Where a request's resource comes from, before any lookup. */
export interface ResourceTarget {
  /** The service-data resource type key (`user`), or undefined for actions without resource-level permissions. */
  readonly resourceType: string | undefined;
  /** The existing entity to read the path and tags of (absent for create actions and for ARNs given whole). */
  readonly lookup?: { readonly type: DescribedType; readonly name?: string; readonly arn?: string };
  /** The ARN given the entity's path (`/` when unknown); `*` for actions without resource-level permissions. */
  arn(path: string): string;
}

/** The environment an ARN is built in. */
export interface TargetEnv {
  readonly partition: string;
  readonly accountId: string;
  /** The calling IAM user's name: user-scoped actions without `UserName` act on the caller (GetUser, CreateAccessKey). */
  readonly callerUserName?: string;
}

/** How the name-with-path placeholder of a resource type is filled from an action's input. */
interface PlaceholderRule {
  readonly entity?: DescribedType;
  /** Input members that hold the name, in order. */
  readonly names: readonly string[];
  /** Actions that create the entity: the path comes from the input's `Path`, nothing is looked up. */
  readonly creates: readonly string[];
  /** Whether the name may default to the calling user's. */
  readonly defaultsToCaller?: boolean;
}

const RULES: Readonly<Record<string, PlaceholderRule>> = {
  UserNameWithPath: { entity: 'user', names: ['UserName'], creates: ['iam:createuser'], defaultsToCaller: true },
  GroupNameWithPath: { entity: 'group', names: ['GroupName'], creates: ['iam:creategroup'] },
  RoleNameWithPath: { entity: 'role', names: ['RoleName'], creates: ['iam:createrole'] },
  PolicyNameWithPath: { entity: 'policy', names: ['PolicyName'], creates: ['iam:createpolicy'] },
  InstanceProfileNameWithPath: {
    entity: 'instance-profile',
    names: ['InstanceProfileName'],
    creates: ['iam:createinstanceprofile'],
  },
  MfaTokenIdWithPath: { names: ['VirtualMFADeviceName'], creates: ['iam:createvirtualmfadevice'] },
  CertificateNameWithPath: { names: ['ServerCertificateName'], creates: ['iam:uploadservercertificate'] },
  SamlProviderName: { names: ['Name'], creates: [] },
  OidcProviderName: { names: ['Url'], creates: [] },
  FederatedUserName: { names: ['Name'], creates: [] },
  DelegationRequestId: { names: ['DelegationRequestId'], creates: [] },
  EntityPath: { names: ['EntityPath'], creates: [] },
};

/** Input members that may carry a resource's whole ARN; matched against each resource type's ARN format. */
const ARN_MEMBERS = [
  'PolicySourceArn',
  'Arn',
  'PolicyArn',
  'RoleArn',
  'SerialNumber',
  'OpenIDConnectProviderArn',
  'SAMLProviderArn',
] as const;

const PLACEHOLDER = /\$\{([A-Za-z]+)\}/g;

/** `arn:${Partition}:iam::${Account}:user/${UserNameWithPath}` → a RegExp that whole ARNs of the type match. */
function formatPattern(format: string): RegExp {
  let out = '^';
  let last = 0;
  for (const m of format.matchAll(PLACEHOLDER)) {
    out += format.slice(last, m.index).replace(/[.*+?^$()[\]{}|\\/]/g, '\\$&');
    out += m[1] === 'Partition' || m[1] === 'Account' ? '[^:]*' : '.+';
    last = m.index + m[0].length;
  }
  return new RegExp(`${out}${format.slice(last).replace(/[.*+?^$()[\]{}|\\/]/g, '\\$&')}$`);
}

const patterns = new Map<string, RegExp>();
function patternOf(format: string): RegExp {
  let p = patterns.get(format);
  if (p === undefined) {
    p = formatPattern(format);
    patterns.set(format, p);
  }
  return p;
}

function text(input: AuthorizationInput, key: string): string | undefined {
  const v = input[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** `/a/b/` + `name` → `a/b/name`; a path without its slashes is taken as given. */
function withPath(path: string, name: string): string {
  const trimmed = path.replace(/^\/+/, '');
  return trimmed === '' ? name : `${trimmed.endsWith('/') ? trimmed : `${trimmed}/`}${name}`;
}

/** The entity type an ARN names, for reading its tags (`arn:aws:iam::A:role/x` → `role`). */
function entityOfArn(resourceType: string): DescribedType | undefined {
  return resourceType === 'user' ||
    resourceType === 'group' ||
    resourceType === 'role' ||
    resourceType === 'policy' ||
    resourceType === 'instance-profile'
    ? resourceType
    : undefined;
}

/**
 * A target as a class rather than an object with an `arn` closure: one is made per request, and a closure per
 * request costs an extra allocation (and, under tsx, a `__name` call) that a method does not.
 */
class Target implements ResourceTarget {
  readonly resourceType: string | undefined;
  readonly lookup?: ResourceTarget['lookup'];
  readonly #parts: readonly string[] | undefined;
  readonly #env: TargetEnv | undefined;
  readonly #own: string | undefined;
  /** The whole ARN (given, or fixed by the input), or the name to join with the path. */
  readonly #value: string;
  /** How `arn(path)` is made: the value as is, the template with the value, or the template with path + value. */
  readonly #mode: 'whole' | 'name' | 'path';

  constructor(
    resourceType: string | undefined,
    lookup: ResourceTarget['lookup'] | undefined,
    value: string,
    mode: 'whole' | 'name' | 'path',
    plan?: { readonly parts: readonly string[]; readonly env: TargetEnv; readonly own: string | undefined },
  ) {
    this.resourceType = resourceType;
    if (lookup !== undefined) this.lookup = lookup;
    this.#value = value;
    this.#mode = mode;
    this.#parts = plan?.parts;
    this.#env = plan?.env;
    this.#own = plan?.own;
  }

  arn(path: string): string {
    if (this.#mode === 'whole') return this.#value;
    const value = this.#mode === 'path' ? withPath(path, this.#value) : this.#value;
    return fill(this.#parts!, this.#env!, this.#own, value);
  }
}

const STAR: ResourceTarget = new Target(undefined, undefined, '*', 'whole');

/** One resource type of an action, prepared once: its ARN pattern and how to fill its template. */
interface TypePlan {
  readonly resourceType: string;
  readonly pattern: RegExp;
  readonly entity: DescribedType | undefined;
  /** The template split around its placeholders: literal, placeholder, literal, ... */
  readonly parts: readonly string[];
  /** The name placeholder, or undefined when the ARN has only Partition/Account (`arn:aws:sts::A:self`). */
  readonly own: string | undefined;
  readonly rule: PlaceholderRule | undefined;
}

/** An action's resource types, prepared on first use (the catalog's ActionInfo objects are long-lived). */
const plans = new WeakMap<ActionInfo, { readonly lowerAction: string; readonly types: readonly TypePlan[] }>();

function planOf(info: ActionInfo): { readonly lowerAction: string; readonly types: readonly TypePlan[] } {
  let plan = plans.get(info);
  if (plan !== undefined) return plan;
  const types: TypePlan[] = [];
  for (const t of info.resourceTypes) {
    if (t.arnFormat === undefined) continue;
    const parts = t.arnFormat.split(/\$\{([A-Za-z]+)\}/);
    const own = parts.filter((_, i) => i % 2 === 1).find((p) => p !== 'Partition' && p !== 'Account');
    types.push({
      resourceType: t.resourceType,
      pattern: patternOf(t.arnFormat),
      entity: entityOfArn(t.resourceType),
      parts,
      own,
      rule: own === undefined ? undefined : RULES[own],
    });
  }
  plan = { lowerAction: info.action.toLowerCase(), types };
  plans.set(info, plan);
  return plan;
}

/**
 * Works out which resource an action acts on, from the action's resource types (service authorization data) and
 * the input: a whole ARN given in the input wins; otherwise the type's ARN format is filled from the input's
 * name members. Actions without resource-level permissions, and inputs that name no resource, give `*`.
 */
export function resourceTargetOf(info: ActionInfo, input: AuthorizationInput, env: TargetEnv): ResourceTarget {
  const { lowerAction, types } = planOf(info);
  if (types.length === 0) return STAR;
  for (const t of types) {
    for (const member of ARN_MEMBERS) {
      const value = text(input, member);
      if (value === undefined || !t.pattern.test(value)) continue;
      const lookup = t.entity !== undefined ? { type: t.entity, arn: value } : undefined;
      return new Target(t.resourceType, lookup, value, 'whole');
    }
  }
  for (const t of types) {
    const own = t.own;
    if (own === undefined) return new Target(t.resourceType, undefined, fill(t.parts, env, undefined, ''), 'whole');
    const rule = t.rule;
    if (rule === undefined) continue;
    const creates = rule.creates.includes(lowerAction);
    let name: string | undefined;
    for (const k of rule.names) {
      name = text(input, k);
      if (name !== undefined) break;
    }
    if (name === undefined && rule.defaultsToCaller && !creates) name = env.callerUserName;
    if (name === undefined) continue;
    if (own === 'OidcProviderName') name = name.replace(/^https:\/\//i, '');
    const plan = { parts: t.parts, env, own };
    if (creates) {
      const path = text(input, 'Path') ?? '/';
      return new Target(t.resourceType, undefined, withPath(path, name), 'name', plan);
    }
    // Only `...WithPath` placeholders carry a path (federated users, SAML and OIDC providers have none).
    const lookup = rule.entity !== undefined ? { type: rule.entity, name } : undefined;
    return new Target(t.resourceType, lookup, name, own.endsWith('WithPath') ? 'path' : 'name', plan);
  }
  return STAR;
}

/** Joins a split template: Partition and Account from the environment, the name placeholder, any other as `*`. */
function fill(parts: readonly string[], env: TargetEnv, own: string | undefined, value: string): string {
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    const p = parts[i]!;
    out +=
      (p === 'Partition' ? env.partition : p === 'Account' ? env.accountId : p === own ? value : '*') + parts[i + 1]!;
  }
  return out;
}
