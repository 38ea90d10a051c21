import { IamError } from '../shared/index.ts';
import type { PageQuery } from './identity-store.ts';
import { PATH_PREFIX, PATH_PREFIX_SOURCE, Violations, checkPage } from './validation.ts';

const PREFIX = 'm1.';

/** Turns a listing's sort key into an opaque marker. */
export function encodeMarker(sortKey: string): string {
  return PREFIX + Buffer.from(sortKey, 'utf8').toString('base64url');
}

/** Reads a marker back; anything we did not issue is InvalidInput. */
export function decodeMarker(marker: string): string {
  if (!marker.startsWith(PREFIX)) throw new IamError('InvalidInput', 'Invalid Marker.');
  const body = marker.slice(PREFIX.length);
  if (!/^[A-Za-z0-9_-]*$/.test(body)) throw new IamError('InvalidInput', 'Invalid Marker.');
  return Buffer.from(body, 'base64url').toString('utf8');
}

/** Default page size of IAM list actions. */
export const DEFAULT_MAX_ITEMS = 100;

/**
 * Fetches one page: asks the store for one row more than `MaxItems` to learn whether more follow, and returns
 * `IsTruncated` with a marker (the last row's sort key) only when they do.
 */
export async function fetchPage<R>(
  input: { Marker?: string; MaxItems?: number },
  fetch: (q: PageQuery) => Promise<R[]>,
  sortKeyOf: (row: R) => string,
): Promise<{ items: R[]; IsTruncated: boolean; Marker?: string }> {
  const limit = input.MaxItems ?? DEFAULT_MAX_ITEMS;
  const after = input.Marker === undefined ? undefined : decodeMarker(input.Marker);
  const rows = await fetch(after === undefined ? { limit: limit + 1 } : { after, limit: limit + 1 });
  if (rows.length <= limit) return { items: rows, IsTruncated: false };
  const items = rows.slice(0, limit);
  return { items, IsTruncated: true, Marker: encodeMarker(sortKeyOf(items[items.length - 1] as R)) };
}

/**
 * The List* actions filtered by `PathPrefix` (users, groups, roles, instance profiles): checks PathPrefix and
 * paging (one ValidationError listing every violation), then fetches one page ordered by the sort key.
 */
export async function fetchPageByPathPrefix<R>(
  input: { PathPrefix?: string; Marker?: string; MaxItems?: number },
  fetch: (q: PageQuery & { pathPrefix?: string }) => Promise<R[]>,
  sortKeyOf: (row: R) => string,
): Promise<{ items: R[]; IsTruncated: boolean; Marker?: string }> {
  const v = new Violations();
  v.text('pathPrefix', input.PathPrefix, { min: 1, max: 512, pattern: PATH_PREFIX, patternSource: PATH_PREFIX_SOURCE });
  checkPage(v, input);
  v.throwIfAny();
  return fetchPage(input, (q) => fetch(input.PathPrefix ? { ...q, pathPrefix: input.PathPrefix } : q), sortKeyOf);
}
