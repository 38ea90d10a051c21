import { parseTemplate, resolveToString } from '../matching/variables.ts';
import type { ValueCompiler } from './value-test.ts';

/**
 * `Bool`: `true`/`false`, compared ignoring case on both sides (engine choice, docs/policy-engine.md).
 * Policy variables are allowed (the Condition operators page says so; the Variables page disagrees).
 */
export const boolEquals: ValueCompiler = (policyValue, variablesEnabled) => {
  const template = parseTemplate(policyValue, variablesEnabled);
  if (template.variables) {
    return (v, context) => {
      const resolved = resolveToString(template, context);
      return resolved !== undefined && resolved.toLowerCase() === v.toLowerCase();
    };
  }
  const lower = policyValue.toLowerCase();
  if (lower !== 'true' && lower !== 'false') return undefined;
  return (v) => v.toLowerCase() === lower;
};
