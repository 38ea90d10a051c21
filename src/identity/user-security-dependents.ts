import { IamError } from '../shared/index.ts';
import type { IdentityReader, SecurityItemKind } from './identity-store.ts';

/** The security items that block DeleteUser, in AWS's documented clean-up order, with AWS's wording. */
const BLOCKERS: readonly [SecurityItemKind, string][] = [
  ['signing-cert', 'Cannot delete entity, must delete signing certificates first.'],
  ['ssh-key', 'Cannot delete entity, must delete SSH public keys first.'],
  ['service-credential', 'Cannot delete entity, must delete service specific credentials first.'],
  ['mfa', 'Cannot delete entity, must delete MFA device first.'],
];

/** Throws DeleteConflict when the user still has certificates, SSH keys, service credentials or an MFA device. */
export async function assertNoSecurityDependents(r: IdentityReader, accountId: string, userId: string): Promise<void> {
  for (const [kind, message] of BLOCKERS) {
    if ((await r.listSecurityItems(accountId, kind, { userId })).length > 0) throw new IamError('DeleteConflict', message);
  }
}
