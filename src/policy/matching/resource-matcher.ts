import { parseArn } from './arn.ts';
import type { ContextValues } from './context.ts';
import { parseTemplate, resolveToPieces, type Template } from './variables.ts';
import {
  compileGlob,
  type Glob,
  hasWildcard,
  matchGlob,
  matchGlobAt,
  matchGlobPieces,
} from './wildcard.ts';

/**
 * A requested resource, split once per request. The hot path reads the whole ARN with the offset of its resource
 * part (no substring object to follow) and the head segments as shared strings. `PreparedRequest` carries these
 * fields itself, so a decision reads them from the request object.
 */
export interface RequestResource {
  readonly resourceArn: string;
  /** Where the resource part starts in `resourceArn`; -1 for `*` and other non-ARN strings. */
  readonly resourceStart: number;
  /** The head segments ('' when not an ARN): shared string objects, so comparisons are mostly pointer-equal. */
  readonly resourceService: string;
  readonly resourceAccount: string;
  readonly resourceRegion: string;
  readonly resourcePartition: string;
  readonly resourcePrefix: string;
}

/** Prepares a requested resource string for matching. */
export function requestResource(arn: string): RequestResource {
  const parts = parseArn(arn);
  return {
    resourceArn: arn,
    resourceStart: parts === undefined ? -1 : arn.length - parts.resource.length,
    resourceService: parts?.service ?? '',
    resourceAccount: parts?.account ?? '',
    resourceRegion: parts?.region ?? '',
    resourcePartition: parts?.partition ?? '',
    resourcePrefix: parts?.prefix ?? '',
  };
}

/** Matches one `Resource`/`NotResource` entry against a requested resource. */
export type ResourceMatcher = (resource: RequestResource, context: ContextValues) => boolean;

/** Resource pattern shapes (see {@link ResourcePattern}). */
const ANY = 0;
const NONE = 1;
const WHOLE = 2;
const ARN = 3;
const ARN_VARIABLES = 4;

/**
 * One compiled `Resource`/`NotResource` entry as plain data of one shape, matched by {@link matchResourcePattern}
 * (one monomorphic function on the hot path rather than a closure per pattern). Head segments are usually literal
 * or `*`, so they are kept as strings (null = any) and compared directly; wildcard segments use `headGlobs`.
 */
export interface ResourcePattern {
  readonly shape: number;
  /** ARN shapes: the service segment, always literal. */
  readonly service: string;
  /** ARN shapes: literal account, region, partition and `arn` prefix; null when `*` or a wildcard. */
  readonly account: string | null;
  readonly region: string | null;
  readonly partition: string | null;
  readonly prefix: string | null;
  /** Wildcard head segments (prefix, partition, region, account), or undefined when every one is literal or `*`. */
  readonly headGlobs: readonly (Glob | undefined)[] | undefined;
  /** ARN: the resource part; WHOLE: the whole string (GLOB_* shape, text and RegExp). */
  readonly glob: Glob;
  /** ARN_VARIABLES: the resource part with its policy variables. */
  readonly template: Template | undefined;
}

const NO_GLOB: Glob = compileGlob('*');

function simple(shape: number, glob: Glob): ResourcePattern {
  return {
    shape,
    service: '',
    account: null,
    region: null,
    partition: null,
    prefix: null,
    headGlobs: undefined,
    glob,
    template: undefined,
  };
}

/** A literal head segment as a string; null when `*` (any) or when it has wildcards (then see headGlobs). */
function literal(segment: string): string | null {
  return hasWildcard(segment) ? null : segment;
}

/** A wildcard head segment as a glob; undefined when literal (compared as a string) or all stars. */
function wildSegment(segment: string): Glob | undefined {
  return !hasWildcard(segment) || /^\*+$/.test(segment) ? undefined : compileGlob(segment);
}

/**
 * Compiles one Resource entry. `*` matches everything (also the `*` resource of actions without resource-level
 * permissions); ARN entries match per segment (partition, service, region, account, resource part), case-sensitive,
 * the resource part with `*` spanning `/` and `:`. Variables count only in the resource part and only when
 * `variablesEnabled`; a variable without a value makes the entry match nothing. A colon-free entry is matched as a
 * whole string; an entry with colons but fewer than six parts matches nothing.
 */
export function compileResourceData(pattern: string, variablesEnabled: boolean): ResourcePattern {
  if (/^\*+$/.test(pattern)) return simple(ANY, NO_GLOB);
  const parts = parseArn(pattern);
  if (parts === undefined) {
    // Not an ARN: a pattern with colons but fewer than six parts matches nothing; a colon-free one whole strings.
    if (pattern.includes(':')) return simple(NONE, NO_GLOB);
    return simple(WHOLE, compileGlob(pattern));
  }
  const template = parseTemplate(parts.resource, variablesEnabled);
  const headGlobs = [parts.prefix, parts.partition, parts.region, parts.account].map(wildSegment);
  return {
    shape: template.variables ? ARN_VARIABLES : ARN,
    service: parts.service,
    account: literal(parts.account),
    region: literal(parts.region),
    partition: literal(parts.partition),
    prefix: literal(parts.prefix),
    headGlobs: headGlobs.some((g) => g !== undefined) ? headGlobs : undefined,
    glob: template.variables ? NO_GLOB : compileGlob(parts.resource),
    template: template.variables ? template : undefined,
  };
}

/**
 * Whether a compiled Resource entry matches the requested resource. Kept small so it inlines into the scan loop:
 * `*` and plain ARN patterns are decided here, the rare shapes in {@link matchOtherShape}.
 */
export function matchResourcePattern(m: ResourcePattern, r: RequestResource, context: ContextValues): boolean {
  const shape = m.shape;
  if (shape === ANY) return true;
  if (shape !== ARN) return matchOtherShape(m, r, context);
  const start = r.resourceStart;
  if (start < 0 || r.resourceService !== m.service) return false;
  if (!matchGlobAt(m.glob, r.resourceArn, start)) return false;
  return (
    (m.account === null || m.account === r.resourceAccount) &&
    (m.region === null || m.region === r.resourceRegion) &&
    (m.partition === null || m.partition === r.resourcePartition) &&
    (m.prefix === null || m.prefix === r.resourcePrefix) &&
    (m.headGlobs === undefined || wildHeadMatches(m.headGlobs, r))
  );
}

function matchOtherShape(m: ResourcePattern, r: RequestResource, context: ContextValues): boolean {
  if (m.shape === WHOLE) return matchGlob(m.glob, r.resourceArn);
  if (m.shape === NONE || r.resourceStart < 0 || r.resourceService !== m.service) return false;
  if (
    (m.account !== null && m.account !== r.resourceAccount) ||
    (m.region !== null && m.region !== r.resourceRegion) ||
    (m.partition !== null && m.partition !== r.resourcePartition) ||
    (m.prefix !== null && m.prefix !== r.resourcePrefix) ||
    (m.headGlobs !== undefined && !wildHeadMatches(m.headGlobs, r))
  )
    return false;
  const pieces = resolveToPieces(m.template!, context);
  return pieces !== undefined && matchGlobPieces(pieces, r.resourceArn.slice(r.resourceStart));
}

/** The wildcard head segments (prefix, partition, region, account); undefined entries were checked as literals. */
function wildHeadMatches(globs: readonly (Glob | undefined)[], r: RequestResource): boolean {
  const values = [r.resourcePrefix, r.resourcePartition, r.resourceRegion, r.resourceAccount];
  for (let i = 0; i < 4; i++) {
    const g = globs[i];
    if (g !== undefined && !matchGlob(g, values[i]!)) return false;
  }
  return true;
}

/** Whether any entry of a Resource list matches. */
export function matchAnyResource(list: readonly ResourcePattern[], r: RequestResource, context: ContextValues): boolean {
  for (let i = 0; i < list.length; i++) if (matchResourcePattern(list[i]!, r, context)) return true;
  return false;
}

/** {@link compileResourceData} as a matcher function. */
export function compileResourcePattern(pattern: string, variablesEnabled: boolean): ResourceMatcher {
  const compiled = compileResourceData(pattern, variablesEnabled);
  return (r, context) => matchResourcePattern(compiled, r, context);
}

