import type { IdentityStore } from './identity-store.ts';
import { isWellFormedCode, matchingStep, stepOf } from './mfa-codes.ts';
import { mfaBody } from './mfa-devices.ts';
import type { SecretSealer } from './secret-sealer.ts';
import type { MfaVerifier } from './security-ports.ts';

/**
 * An MFA verifier over the store: true only when the device exists in the account, is assigned to the caller,
 * and the code matches a step within ±1 of now that is later than the last accepted one (no replay). The
 * accepted step is recorded in its own transaction (it is not an API write: no generation bump).
 */
export function createMfaVerifier(deps: { store: IdentityStore; sealer: SecretSealer }): MfaVerifier {
  return {
    async verify({ accountId, callerArn, serialNumber, tokenCode, now }) {
      if (!isWellFormedCode(tokenCode)) return false;
      return deps.store.transaction(async (tx) => {
        const item = await tx.getSecurityItem('mfa', serialNumber);
        if (!item || item.accountId !== accountId) return false;
        const body = mfaBody(item);
        if (body.root) {
          if (!callerArn.endsWith(`:iam::${accountId}:root`)) return false;
        } else {
          if (item.userId === null) return false;
          const user = await tx.getUserById(accountId, item.userId);
          if (!user || !callerArn.endsWith(`:iam::${accountId}:user${user.path}${user.userName}`)) return false;
        }
        const seed = deps.sealer.open(body.sealedSeed, serialNumber);
        const current = stepOf(now);
        const step = matchingStep(seed, tokenCode, current - 1, current + 1);
        if (step === undefined || step <= (body.lastStep ?? -1)) return false;
        await tx.updateSecurityItem('mfa', serialNumber, { body: JSON.stringify({ ...body, lastStep: step }) });
        return true;
      });
    },
  };
}
