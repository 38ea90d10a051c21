/**
 * `Null`: `"true"` holds iff the key is absent, `"false"` iff it is present (an empty set counts as present).
 * Returns undefined for a value other than true/false (ignoring case). No variables.
 */
export function compileNull(policyValue: string): boolean | undefined {
  const lower = policyValue.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  return undefined;
}
