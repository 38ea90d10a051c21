import type { ContextValues } from '../matching/context.ts';
import { parseTemplate, resolveToPieces, resolveToString } from '../matching/variables.ts';
import { compileWildcard, matchGlobPieces } from '../matching/wildcard.ts';
import type { ValueCompiler } from './value-test.ts';

/** `StringEquals` family: exact, case-sensitive; `*` is literal; policy variables allowed. */
export const stringEquals: ValueCompiler = (policyValue, variablesEnabled) => {
  const template = parseTemplate(policyValue, variablesEnabled);
  if (!template.variables) return (v) => v === policyValue;
  return (v, context: ContextValues) => resolveToString(template, context) === v;
};

/** `StringEqualsIgnoreCase` family: exact, ignoring case. */
export const stringEqualsIgnoreCase: ValueCompiler = (policyValue, variablesEnabled) => {
  const template = parseTemplate(policyValue, variablesEnabled);
  if (!template.variables) {
    const lower = policyValue.toLowerCase();
    return (v) => v.length === lower.length && v.toLowerCase() === lower;
  }
  return (v, context) => {
    const resolved = resolveToString(template, context);
    return resolved !== undefined && resolved.toLowerCase() === v.toLowerCase();
  };
};

/** `StringLike` family: case-sensitive, `*` any run and `?` one character, anywhere; variables allowed. */
export const stringLike: ValueCompiler = (policyValue, variablesEnabled) => {
  const template = parseTemplate(policyValue, variablesEnabled);
  if (!template.variables) return compileWildcard(policyValue);
  return (v, context) => {
    const pieces = resolveToPieces(template, context);
    return pieces !== undefined && matchGlobPieces(pieces, v);
  };
};
