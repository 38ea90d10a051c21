import type { PolicyDocument, PrincipalElement, Statement } from './types.ts';

/**
 * Prints a policy document as canonical JSON (two-space indentation, AWS element order, lists always arrays).
 * Round-trip stable: `parsePolicy(printPolicy(doc))` yields a document equal to `doc`.
 */
export function printPolicy(doc: PolicyDocument): string {
  const out: Record<string, unknown> = {};
  if (doc.version !== undefined) out.Version = doc.version;
  if (doc.id !== undefined) out.Id = doc.id;
  const statements = doc.statements.map(statementJson);
  out.Statement = doc.statementIsArray || statements.length !== 1 ? statements : statements[0];
  return JSON.stringify(out, null, 2);
}

function principalJson(p: PrincipalElement): unknown {
  if (p.kind === 'wildcard') return '*';
  const out: Record<string, readonly string[]> = {};
  for (const [type, values] of Object.entries(p.entries)) out[type] = values;
  return out;
}

function statementJson(s: Statement): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (s.sid !== undefined) out.Sid = s.sid;
  out.Effect = s.effect;
  if (s.principal !== undefined) out.Principal = principalJson(s.principal);
  if (s.notPrincipal !== undefined) out.NotPrincipal = principalJson(s.notPrincipal);
  if (s.action !== undefined) out.Action = s.action;
  if (s.notAction !== undefined) out.NotAction = s.notAction;
  if (s.resource !== undefined) out.Resource = s.resource;
  if (s.notResource !== undefined) out.NotResource = s.notResource;
  if (s.conditions.length > 0) {
    const block: Record<string, Record<string, readonly string[]>> = {};
    for (const c of s.conditions) {
      const forOperator = block[c.operator] ?? {};
      forOperator[c.key] = c.values;
      block[c.operator] = forOperator;
    }
    out.Condition = block;
  }
  return out;
}
