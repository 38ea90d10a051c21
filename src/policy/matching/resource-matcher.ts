import type { ArnParts } from './arn.ts';
import { parseArn } from './arn.ts';
import type { ContextValues } from './context.ts';
import { parseTemplate, resolveToPieces } from './variables.ts';
import { compileWildcard, hasWildcard, matchGlobPieces, type WildcardMatcher } from './wildcard.ts';

/** A requested resource, split once per request. `parts` is undefined for `*` and other non-ARN strings. */
export interface RequestResource {
  readonly arn: string;
  readonly parts: ArnParts | undefined;
}

/** Prepares a requested resource string for matching. */
export function requestResource(arn: string): RequestResource {
  return { arn, parts: parseArn(arn) };
}

/** Matches one `Resource`/`NotResource` entry against a requested resource. */
export type ResourceMatcher = (resource: RequestResource, context: ContextValues) => boolean;

const always: ResourceMatcher = () => true;

/**
 * Compiles one Resource entry. `*` matches everything (also the `*` resource of actions without resource-level
 * permissions); ARN entries match per segment (partition, service, region, account, resource part), case-sensitive,
 * the resource part with `*` spanning `/` and `:`. Variables count only in the resource part and only when
 * `variablesEnabled`; a variable without a value makes the entry match nothing. A colon-free entry is matched as a
 * whole string; an entry with colons but fewer than six parts matches nothing.
 */
export function compileResourcePattern(pattern: string, variablesEnabled: boolean): ResourceMatcher {
  if (/^\*+$/.test(pattern)) return always;
  const parts = parseArn(pattern);
  if (parts === undefined) {
    // Not an ARN: a pattern with colons but fewer than six parts matches nothing; a colon-free one whole strings.
    if (pattern.includes(':')) return () => false;
    const whole = compileWildcard(pattern);
    return (r) => whole(r.arn);
  }
  const head = compileHead(parts);
  const template = parseTemplate(parts.resource, variablesEnabled);
  if (!template.variables) {
    const resource: WildcardMatcher = compileWildcard(parts.resource);
    return (r) => r.parts !== undefined && resource(r.parts.resource) && head(r.parts);
  }
  return (r, context) => {
    if (r.parts === undefined || !head(r.parts)) return false;
    const pieces = resolveToPieces(template, context);
    return pieces !== undefined && matchGlobPieces(pieces, r.parts.resource);
  };
}

/** One ARN segment: skipped when `*`, compared directly when literal, matched with wildcards otherwise. */
function segment(pattern: string): WildcardMatcher | string | undefined {
  if (/^\*+$/.test(pattern)) return undefined;
  return hasWildcard(pattern) ? compileWildcard(pattern) : pattern;
}

function segmentMatches(m: WildcardMatcher | string | undefined, value: string): boolean {
  return m === undefined || (typeof m === 'string' ? m === value : m(value));
}

/** The first five segments (`arn`, partition, service, region, account); the service segment is always literal. */
function compileHead(parts: ArnParts): (p: ArnParts) => boolean {
  const service = parts.service;
  const prefix = segment(parts.prefix);
  const partition = segment(parts.partition);
  const region = segment(parts.region);
  const account = segment(parts.account);
  return (p) =>
    p.service === service &&
    segmentMatches(account, p.account) &&
    segmentMatches(region, p.region) &&
    segmentMatches(partition, p.partition) &&
    segmentMatches(prefix, p.prefix);
}
