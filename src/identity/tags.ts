import { IamError } from '../shared/index.ts';
import type { Tag } from './iam-types.ts';
import type { TagRecord } from './identity-store.ts';
import type { Violations } from './validation.ts';

/** Tags per IAM resource. */
export const MAX_TAGS = 50;
const KEY = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u;
const VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const KEY_SOURCE = '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+';
const VALUE_SOURCE = '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*';

/** Validates a `Tags` list (model constraints) into `v`; member names as AWS reports them (`tags.1.member.key`). */
export function checkTags(v: Violations, tags: Tag[] | undefined): void {
  if (tags === undefined) return;
  v.listSize('tags', tags, MAX_TAGS);
  tags.forEach((t, i) => {
    const at = `tags.${i + 1}.member`;
    if (!v.required(`${at}.key`, t?.Key))
      v.text(`${at}.key`, t.Key, { min: 1, max: 128, pattern: KEY, patternSource: KEY_SOURCE });
    if (!v.required(`${at}.value`, t?.Value))
      v.text(`${at}.value`, t.Value, { max: 256, pattern: VALUE, patternSource: VALUE_SOURCE });
  });
}

/** Validates a `TagKeys` list. */
export function checkTagKeys(v: Violations, keys: string[] | undefined): void {
  if (keys === undefined) return;
  v.listSize('tagKeys', keys, MAX_TAGS);
  keys.forEach((k, i) => {
    v.text(`tagKeys.${i + 1}.member`, k, { min: 1, max: 128, pattern: KEY, patternSource: KEY_SOURCE });
  });
}

/** Semantic checks after the model's: keys unique case-insensitively, `aws:` reserved. */
export function checkTagSemantics(tags: Tag[]): void {
  const seen = new Set<string>();
  for (const t of tags) {
    const k = t.Key.toLowerCase();
    if (seen.has(k)) {
      throw new IamError('InvalidInput', 'Duplicate tag keys found. Please note that Tag keys are case insensitive.');
    }
    seen.add(k);
    if (k.startsWith('aws:')) throw new IamError('InvalidInput', "User-defined tag keys can't start with 'aws:'.");
  }
}

/** TagX semantics: new tags overwrite existing ones with the same key (case-insensitively), others are kept. */
export function mergeTags(existing: TagRecord[], added: Tag[]): TagRecord[] {
  const out = existing.map((t) => ({ ...t }));
  for (const t of added) {
    const i = out.findIndex((e) => e.key.toLowerCase() === t.Key.toLowerCase());
    if (i >= 0) out[i] = { key: t.Key, value: t.Value };
    else out.push({ key: t.Key, value: t.Value });
  }
  if (out.length > MAX_TAGS) {
    throw new IamError('LimitExceeded', `The number of tags has reached the maximum limit of ${MAX_TAGS}.`);
  }
  return out;
}

/** UntagX semantics: removes keys case-insensitively; absent keys are ignored as AWS does. */
export function removeTags(existing: TagRecord[], keys: string[]): TagRecord[] {
  const drop = new Set(keys.map((k) => k.toLowerCase()));
  return existing.filter((t) => !drop.has(t.key.toLowerCase()));
}

/** Store form → API form. */
export const toApiTags = (tags: TagRecord[]): Tag[] => tags.map((t) => ({ Key: t.key, Value: t.value }));
