import { type Algorithm, hash, verify } from '@node-rs/argon2';

// Argon2id (= 2 in @node-rs/argon2's const enum, which isolatedModules cannot read) with OWASP's 19 MiB / t=2.
const OPTIONS = { algorithm: 2 as Algorithm, memoryCost: 19456, timeCost: 2, parallelism: 1 };

/** Hashes a password with argon2id; the PHC string embeds salt and parameters. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/** Verifies a password against a stored PHC string; false (never a throw) on mismatch or a malformed hash. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
