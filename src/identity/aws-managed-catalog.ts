import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

/** One AWS managed policy (its default version), read-only. `path` is `/` or `/service-role/` etc. */
export type AwsManagedPolicy = {
  policyName: string;
  path: string;
  policyId: string;
  defaultVersionId: string;
  createDate: Date;
  updateDate: Date;
  /** Compact JSON of the default version. */
  document: string;
};

type CatalogFile = {
  source: string;
  count: number;
  policies: {
    name: string;
    arn: string;
    defaultVersionId: string;
    createDate: string;
    updateDate: string;
    document: unknown;
  }[];
};

const ARN_PREFIX = 'arn:aws:iam::aws:policy';
const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** A stable `ANPA…` id per policy name (the catalogue has none): 17 base32 characters of its hash. */
function stableId(name: string): string {
  const digest = createHash('sha256').update(`aws-managed:${name}`).digest();
  let out = 'ANPA';
  for (let i = 0; i < 17; i++) out += ID_ALPHABET[(digest[i] as number) % 32];
  return out;
}

/** The catalogue of AWS managed policies, loaded once on first use from `catalog.json.gz`. */
export class AwsManagedCatalog {
  #byKey: Map<string, AwsManagedPolicy> | undefined;
  #sorted: AwsManagedPolicy[] = [];
  #source = '';
  readonly #load: () => Buffer;

  constructor(load: () => Buffer = defaultLoad) {
    this.#load = load;
  }

  /** The data package version the catalogue was generated from. */
  get source(): string {
    this.#ensure();
    return this.#source;
  }

  /** Every policy, sorted by lower-cased name. */
  all(): readonly AwsManagedPolicy[] {
    this.#ensure();
    return this.#sorted;
  }

  /** The policy at `path` + `name` (case-sensitive, as ARNs are). */
  find(path: string, name: string): AwsManagedPolicy | undefined {
    return this.#ensure().get(`${path}${name}`);
  }

  /** The policy an attachment's ref (`aws:` + path + name) names. */
  findByRef(ref: string): AwsManagedPolicy | undefined {
    return ref.startsWith('aws:') ? this.#ensure().get(ref.slice(4)) : undefined;
  }

  #ensure(): Map<string, AwsManagedPolicy> {
    if (this.#byKey) return this.#byKey;
    const file = JSON.parse(gunzipSync(this.#load()).toString('utf8')) as CatalogFile;
    const map = new Map<string, AwsManagedPolicy>();
    for (const p of file.policies) {
      if (!p.arn.startsWith(`${ARN_PREFIX}/`)) continue;
      const rest = p.arn.slice(ARN_PREFIX.length);
      const path = rest.slice(0, rest.lastIndexOf('/') + 1);
      map.set(`${path}${p.name}`, {
        policyName: p.name,
        path,
        policyId: stableId(p.name),
        defaultVersionId: p.defaultVersionId,
        createDate: new Date(p.createDate),
        updateDate: new Date(p.updateDate),
        document: typeof p.document === 'string' ? p.document : JSON.stringify(p.document),
      });
    }
    this.#sorted = [...map.values()].sort((a, b) => cmp(a.policyName.toLowerCase(), b.policyName.toLowerCase()));
    this.#source = file.source;
    this.#byKey = map;
    return map;
  }
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function defaultLoad(): Buffer {
  return readFileSync(new URL('./aws-managed-policies/catalog.json.gz', import.meta.url));
}

/** The process-wide catalogue (read-only data, so sharing it is safe). */
export const AWS_MANAGED_POLICIES = new AwsManagedCatalog();
