import type { ArnParts } from './arn.ts';
import { parseArn } from './arn.ts';
import type { ContextValues } from './context.ts';
import { parseTemplate, resolveToPieces, type Template } from './variables.ts';
import {
  compileGlob,
  GLOB_PREFIX,
  type Glob,
  hasWildcard,
  matchGlob,
  matchGlobPieces,
} from './wildcard.ts';

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
export function matchResourcePattern(
  m: ResourcePattern,
  arn: string,
  p: ArnParts | undefined,
  context: ContextValues,
): boolean {
  const shape = m.shape;
  if (shape === ANY) return true;
  if (shape !== ARN) return matchOtherShape(m, arn, p, context);
  if (p === undefined || p.service !== m.service) return false;
  const g = m.glob;
  // lastIndexOf(text, 0) tests position 0 only; V8 runs it faster than startsWith with a non-constant argument.
  if (g.shape === GLOB_PREFIX ? p.resource.lastIndexOf(g.text, 0) !== 0 : !matchGlob(g, p.resource)) return false;
  return (
    (m.account === null || m.account === p.account) &&
    (m.region === null || m.region === p.region) &&
    (m.partition === null || m.partition === p.partition) &&
    (m.prefix === null || m.prefix === p.prefix) &&
    (m.headGlobs === undefined || wildHeadMatches(m.headGlobs, p))
  );
}

function matchOtherShape(m: ResourcePattern, arn: string, p: ArnParts | undefined, context: ContextValues): boolean {
  if (m.shape === WHOLE) return matchGlob(m.glob, arn);
  if (m.shape === NONE || p === undefined || p.service !== m.service) return false;
  if (
    (m.account !== null && m.account !== p.account) ||
    (m.region !== null && m.region !== p.region) ||
    (m.partition !== null && m.partition !== p.partition) ||
    (m.prefix !== null && m.prefix !== p.prefix) ||
    (m.headGlobs !== undefined && !wildHeadMatches(m.headGlobs, p))
  )
    return false;
  const pieces = resolveToPieces(m.template!, context);
  return pieces !== undefined && matchGlobPieces(pieces, p.resource);
}

/** The wildcard head segments (prefix, partition, region, account); undefined entries were checked as literals. */
function wildHeadMatches(globs: readonly (Glob | undefined)[], p: ArnParts): boolean {
  const values = [p.prefix, p.partition, p.region, p.account];
  for (let i = 0; i < 4; i++) {
    const g = globs[i];
    if (g !== undefined && !matchGlob(g, values[i]!)) return false;
  }
  return true;
}

/** Whether any entry of a Resource list matches. */
export function matchAnyResource(
  list: readonly ResourcePattern[],
  arn: string,
  parts: ArnParts | undefined,
  context: ContextValues,
): boolean {
  for (let i = 0; i < list.length; i++) if (matchResourcePattern(list[i]!, arn, parts, context)) return true;
  return false;
}

/** {@link compileResourceData} as a matcher function. */
export function compileResourcePattern(pattern: string, variablesEnabled: boolean): ResourceMatcher {
  const compiled = compileResourceData(pattern, variablesEnabled);
  return (r, context) => matchResourcePattern(compiled, r.arn, r.parts, context);
}

