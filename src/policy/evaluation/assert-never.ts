/** Exhaustiveness guard for switch statements (policy/ imports nothing from shared/). */
export function assertNever(value: never): never {
  throw new Error(`unreachable: ${String(value)}`);
}
