import { type ContextValues, internKey } from './context.ts';
import type { GlobPiece } from './wildcard.ts';

/** Policy variables are only recognised under this Version; otherwise `${...}` is literal text. */
export const VARIABLES_VERSION = '2012-10-17';

/** One piece of a string that may hold policy variables. */
export type TemplatePart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'variable'; readonly key: string; readonly defaultValue?: string };

/** A policy string split into text and variables. `variables` is false when it is all plain text. */
export interface Template {
  readonly source: string;
  readonly parts: readonly TemplatePart[];
  readonly variables: boolean;
}

const SPECIAL: Readonly<Record<string, string>> = { '*': '*', '?': '?', $: '$' };

/**
 * Splits `${key}`, `${key, 'default'}`, `${*}`, `${?}`, `${$}` out of a policy string.
 * With `enabled` false (no Version 2012-10-17) the whole string is text.
 */
export function parseTemplate(source: string, enabled: boolean): Template {
  if (!enabled || !source.includes('${')) return { source, parts: [{ kind: 'text', text: source }], variables: false };
  const parts: TemplatePart[] = [];
  let variables = false;
  let text = '';
  let i = 0;
  while (i < source.length) {
    const open = source.indexOf('${', i);
    const close = open < 0 ? -1 : source.indexOf('}', open + 2);
    if (open < 0 || close < 0) {
      text += source.slice(i);
      break;
    }
    text += source.slice(i, open);
    const inner = source.slice(open + 2, close).trim();
    const special = SPECIAL[inner];
    const withDefault = /^([^\s,'{}$]+)\s*,\s*'([^']*)'$/.exec(inner);
    if (special !== undefined || withDefault !== null || /^[^\s,'{}$]+$/.test(inner)) {
      if (text !== '') parts.push({ kind: 'text', text });
      text = '';
      if (special !== undefined) parts.push({ kind: 'literal', text: special });
      else if (withDefault !== null) {
        parts.push({ kind: 'variable', key: internKey(withDefault[1]!.toLowerCase()), defaultValue: withDefault[2]! });
        variables = true;
      } else {
        parts.push({ kind: 'variable', key: internKey(inner.toLowerCase()) });
        variables = true;
      }
    } else {
      // Not a variable: keep the characters as written.
      text += source.slice(open, close + 1);
    }
    i = close + 1;
  }
  if (text !== '') parts.push({ kind: 'text', text });
  const hasLiteral = parts.some((p) => p.kind === 'literal');
  return { source, parts, variables: variables || hasLiteral };
}

/** The value a variable takes: its single context value, else its default, else undefined (unresolved). */
export function variableValue(
  part: Extract<TemplatePart, { kind: 'variable' }>,
  context: ContextValues,
): string | undefined {
  const values = context.get(part.key);
  if (typeof values === 'string') return values;
  if (values !== undefined && values.length === 1) return values[0];
  return part.defaultValue;
}

/** Resolves a template into glob pieces (variable values literal); undefined when a variable has no value. */
export function resolveToPieces(template: Template, context: ContextValues): GlobPiece[] | undefined {
  const pieces: GlobPiece[] = [];
  for (const part of template.parts) {
    if (part.kind === 'text') pieces.push({ wild: true, text: part.text });
    else if (part.kind === 'literal') pieces.push({ wild: false, text: part.text });
    else {
      const value = variableValue(part, context);
      if (value === undefined) return undefined;
      pieces.push({ wild: false, text: value });
    }
  }
  return pieces;
}

/** Resolves a template into a plain string (for exact operators); undefined when a variable has no value. */
export function resolveToString(template: Template, context: ContextValues): string | undefined {
  let out = '';
  for (const part of template.parts) {
    if (part.kind === 'variable') {
      const value = variableValue(part, context);
      if (value === undefined) return undefined;
      out += value;
    } else out += part.text;
  }
  return out;
}
