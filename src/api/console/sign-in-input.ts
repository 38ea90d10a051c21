import { z } from 'zod';
import type { SignInRequest } from '../../identity/index.ts';
import { ConsoleError } from './console-error.ts';

// Lengths are generous bounds only: the sign-in service applies the real rules (and fails uniformly).
const secret = z.string().min(1).max(1024);
const common = {
  password: secret,
  mfaCode: z.string().min(1).max(64).optional(),
  newPassword: secret.optional(),
};
const user = z.object({ account: z.string().min(1).max(256), userName: z.string().min(1).max(256), ...common }).strict();
const root = z.object({ email: z.string().min(1).max(256), ...common }).strict();

/** Names every problem by its member; never echoes a value (passwords travel here). */
function problems(error: z.ZodError): string {
  return error.issues
    .slice(0, 10)
    .map((i) => `${i.path.length === 0 ? '(body)' : i.path.join('.')}: ${i.message}`)
    .join('; ');
}

/**
 * Decodes `POST /v1/sign-in`: `{ account, userName, password, mfaCode?, newPassword? }` for an IAM user (account id
 * or alias) or `{ email, password, mfaCode?, newPassword? }` for the root user. Unknown members are refused.
 */
export function decodeSignIn(body: unknown, sourceIp: string): SignInRequest {
  const isRoot = typeof body === 'object' && body !== null && 'email' in body;
  if (isRoot) {
    const parsed = root.safeParse(body);
    if (!parsed.success) throw new ConsoleError('ValidationError', 400, problems(parsed.error));
    return { ...parsed.data, sourceIp };
  }
  const parsed = user.safeParse(body);
  if (!parsed.success) throw new ConsoleError('ValidationError', 400, problems(parsed.error));
  return { ...parsed.data, sourceIp };
}
