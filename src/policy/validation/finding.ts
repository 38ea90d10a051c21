import type { Finding, Severity, Statement } from '../document/types.ts';

/** Builds one finding; line and column are added later from the source text. */
export function finding(severity: Severity, code: string, message: string, pointer: string): Finding {
  return { kind: 'finding', severity, code, message, pointer };
}

/** How messages name a statement: numbered from 0 like the parser's messages and the JSON pointer, with its Sid when it has one. */
export function statementLabel(statement: Statement): string {
  return statement.sid ? `statement ${statement.index} (\`${statement.sid}\`)` : `statement ${statement.index}`;
}

/** Compiles an IAM wildcard pattern (`*` any sequence, `?` one character) to an anchored regular expression. */
export function wildcardRegExp(pattern: string, ignoreCase: boolean): RegExp {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`, ignoreCase ? 'is' : 's');
}

/** Whether a string holds an IAM wildcard. */
export function hasWildcard(value: string): boolean {
  return value.includes('*') || value.includes('?');
}
