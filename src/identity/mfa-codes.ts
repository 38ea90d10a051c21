import { timingSafeEqual } from 'node:crypto';
import { HOTP, Secret } from 'otpauth';

/** TOTP as AWS virtual MFA uses it: SHA-1, 6 digits, 30-second steps (RFC 6238). */
export const TOTP_PERIOD_MS = 30_000;

/** A fresh 160-bit seed, base32 (RFC 4648, no padding). */
export function newMfaSeed(): string {
  return new Secret({ size: 20 }).base32;
}

/** The time step a moment falls in. */
export function stepOf(now: Date): number {
  return Math.floor(now.getTime() / TOTP_PERIOD_MS);
}

/** The code of a seed at a step. */
export function codeAt(seedBase32: string, step: number): string {
  return HOTP.generate({ secret: Secret.fromBase32(seedBase32), algorithm: 'SHA1', digits: 6, counter: step });
}

/** True for exactly six ASCII digits (the model's constraint on authentication codes). */
export function isWellFormedCode(code: string): boolean {
  return /^[0-9]{6}$/.test(code);
}

/**
 * The step in `[from, to]` whose code equals `code`, else undefined. Every candidate is compared in constant
 * time and the loop never exits early, so timing does not tell which step (or whether any) matched.
 */
export function matchingStep(seedBase32: string, code: string, from: number, to: number): number | undefined {
  const given = Buffer.from(code.padEnd(6, ' ').slice(0, 6));
  let found: number | undefined;
  for (let step = from; step <= to; step++) {
    const equal = timingSafeEqual(Buffer.from(codeAt(seedBase32, step)), given);
    if (equal && found === undefined) found = step;
  }
  return found;
}

/**
 * Two consecutive codes (EnableMFADevice, ResyncMFADevice): the step of the second code when code1 is the code
 * of step s-1 and code2 of step s, for s within `window` steps of now; else undefined.
 */
export function matchingConsecutiveSteps(
  seedBase32: string,
  code1: string,
  code2: string,
  now: Date,
  window: number,
): number | undefined {
  const current = stepOf(now);
  let found: number | undefined;
  for (let s = current - window; s <= current + window; s++) {
    const first = matchingStep(seedBase32, code1, s - 1, s - 1) !== undefined;
    const second = matchingStep(seedBase32, code2, s, s) !== undefined;
    if (first && second && found === undefined) found = s;
  }
  return found;
}
