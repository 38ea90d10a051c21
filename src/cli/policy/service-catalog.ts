import { type ActionCatalog, parsePolicy } from '../../policy/index.ts';
import { ServiceData } from '../../service-data/index.ts';

/** The service data behind a catalog, for reports. */
export interface CatalogSource {
  readonly catalog: ActionCatalog;
  readonly dataVersion: string;
  readonly dataUpdatedAt: string;
}

/**
 * Builds the validation catalog for one policy text: loads only the services its actions and condition keys
 * name, so validating a policy stays fast. A text that does not parse needs no catalog (undefined).
 */
export async function catalogForPolicy(text: string): Promise<CatalogSource | undefined> {
  const parsed = parsePolicy(text);
  if (!parsed.ok) return undefined;
  const actions = parsed.policy.statements.flatMap((s) => [...(s.action ?? []), ...(s.notAction ?? [])]);
  const keys = parsed.policy.statements.flatMap((s) => s.conditions.map((c) => c.key));
  const data = await ServiceData.load({ services: [] });
  await data.prepareFor(
    actions.filter((a) => a.includes(':')),
    keys,
  );
  return { catalog: data, dataVersion: data.version, dataUpdatedAt: data.updatedAt.toISOString() };
}
