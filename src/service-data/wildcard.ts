/** Compiles an IAM action-name pattern (`*` any sequence, `?` one character) to a case-insensitive RegExp. */
export function wildcardToRegExp(pattern: string): RegExp {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'is');
}
