import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError } from './server-config.ts';

/**
 * The 32-byte master key that seals secrets at rest: the configured one, else `<dataDir>/master.key` (base64),
 * generated on first start with mode 0600. A database copied without this key reveals no secret.
 */
export async function loadMasterKey(
  configured: Buffer | undefined,
  dataDir: string,
): Promise<{ key: Buffer; source: string }> {
  if (configured) return { key: configured, source: 'IAMD_MASTER_KEY' };
  const file = join(dataDir, 'master.key');
  try {
    await writeFile(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const text = (await readFile(file, 'utf8')).trim();
  const key = Buffer.from(text, 'base64');
  if (key.length !== 32 || !/^[A-Za-z0-9+/]{43}=$/.test(text)) {
    throw new ConfigError(`${file}: the master key file must hold 32 bytes in base64`);
  }
  return { key, source: file };
}
