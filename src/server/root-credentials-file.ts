import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Root credentials as written to `<dataDir>/root-credentials.json`. */
export type RootCredentialsFile = { accountId: string; accessKeyId: string; secretAccessKey: string };

/** Where generated root credentials are written. */
export function rootCredentialsPath(dataDir: string): string {
  return join(dataDir, 'root-credentials.json');
}

/**
 * Writes generated root credentials once, mode 0600. A file left by an earlier store (for example a wiped
 * database) is kept beside it with a `.replaced-<time>` suffix rather than overwritten.
 */
export async function writeRootCredentials(dataDir: string, credentials: RootCredentialsFile): Promise<string> {
  const file = rootCredentialsPath(dataDir);
  const text = `${JSON.stringify(credentials, null, 2)}\n`;
  try {
    await writeFile(file, text, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    await rename(file, `${file}.replaced-${Date.now()}`);
    await writeFile(file, text, { mode: 0o600, flag: 'wx' });
  }
  return file;
}

/** Reads the credentials file for `accountId`, if there is one (dev-mode reset reuses them). */
export async function readRootCredentials(
  dataDir: string,
  accountId: string,
): Promise<RootCredentialsFile | undefined> {
  try {
    const parsed = JSON.parse(await readFile(rootCredentialsPath(dataDir), 'utf8')) as Partial<RootCredentialsFile>;
    if (
      parsed.accountId === accountId &&
      typeof parsed.accessKeyId === 'string' &&
      typeof parsed.secretAccessKey === 'string'
    ) {
      return { accountId, accessKeyId: parsed.accessKeyId, secretAccessKey: parsed.secretAccessKey };
    }
  } catch {
    // No file, or not ours: nothing to reuse.
  }
  return undefined;
}
