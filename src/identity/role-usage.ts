import type { RoleUsageRecorder } from './enforcement-sources.ts';
import type { ServiceCore } from './service-core.ts';

/** Writes RoleLastUsed outside request transactions; a failed write is logged and dropped. */
export function roleUsageRecorder(core: ServiceCore): RoleUsageRecorder {
  const pending = new Set<Promise<void>>();
  return {
    recordUse(roleId, use) {
      const p = core.store
        .recordRoleUse(roleId, use)
        .catch((e: unknown) => core.logger.warn({ roleId, err: String(e) }, 'recording a role use failed'))
        .finally(() => pending.delete(p));
      pending.add(p);
    },
    async flush() {
      await Promise.all([...pending]);
    },
  };
}
