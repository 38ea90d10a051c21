import { IamError } from '../shared/index.ts';
import type { IdentityReader, PolicyHolderType, RoleRecord } from './identity-store.ts';
import type { Role } from './policy-types.ts';
import type { RequestContext } from './request-context.ts';
import { iamArn, requireGroup, requireUser } from './service-core.ts';
import { toApiTags } from './tags.ts';
import { ARN, type Violations, checkName } from './validation.ts';
import type { TagRecord } from './identity-store.ts';

/** Role names: 1–64. Policy, group and instance profile names: 1–128. */
export const ROLE_NAME_MAX = 64;
export const POLICY_NAME_MAX = 128;

/** Service-linked roles live under this path and only "AWS" (the service-linked role actions) may change them. */
export const SERVICE_ROLE_PATH = '/aws-service-role/';

/** A user, group or role that can hold policies. */
export type Holder = { type: PolicyHolderType; id: string; name: string; accountId: string; role?: RoleRecord };

/** The role or NoSuchEntity with AWS's message. */
export async function requireRole(r: IdentityReader, accountId: string, roleName: string): Promise<RoleRecord> {
  const role = await r.getRoleByName(accountId, roleName);
  if (!role) throw new IamError('NoSuchEntity', `The role with name ${roleName} cannot be found.`);
  return role;
}

/** True for a service-linked role. */
export const isServiceLinked = (role: RoleRecord): boolean => role.path.startsWith(SERVICE_ROLE_PATH);

/** Refuses an ordinary edit of a service-linked role, with AWS's message. */
export function assertModifiable(role: RoleRecord): void {
  if (isServiceLinked(role)) {
    throw new IamError(
      'UnmodifiableEntity',
      `Cannot perform the operation on the protected role '${role.roleName}' - this role is only modifiable by AWS`,
    );
  }
}

/** Resolves a holder by type and name (NoSuchEntity when absent); `forWrite` protects service-linked roles. */
export async function requireHolder(
  r: IdentityReader,
  ctx: RequestContext,
  type: PolicyHolderType,
  name: string,
  forWrite: boolean,
): Promise<Holder> {
  switch (type) {
    case 'user': {
      const u = await requireUser(r, ctx.accountId, name);
      return { type, id: u.userId, name: u.userName, accountId: ctx.accountId };
    }
    case 'group': {
      const g = await requireGroup(r, ctx.accountId, name);
      return { type, id: g.groupId, name: g.groupName, accountId: ctx.accountId };
    }
    case 'role': {
      const role = await requireRole(r, ctx.accountId, name);
      if (forWrite) assertModifiable(role);
      return { type, id: role.roleId, name: role.roleName, accountId: ctx.accountId, role };
    }
  }
}

/** The `Role` shape; GetRole-style views add the trust policy, tags, boundary and last use. */
export function roleView(role: RoleRecord, extra: { full?: boolean; tags?: TagRecord[] } = {}): Role {
  const out: Role = {
    Path: role.path,
    RoleName: role.roleName,
    RoleId: role.roleId,
    Arn: iamArn(role.partition, role.accountId, 'role', role.path, role.roleName),
    CreateDate: role.createDate,
    AssumeRolePolicyDocument: role.assumeRolePolicyDocument,
  };
  if (role.description !== null) out.Description = role.description;
  out.MaxSessionDuration = role.maxSessionDuration;
  if (extra.full && role.permissionsBoundaryArn) {
    out.PermissionsBoundary = {
      PermissionsBoundaryType: 'Policy',
      PermissionsBoundaryArn: role.permissionsBoundaryArn,
    };
  }
  if (extra.tags && extra.tags.length > 0) out.Tags = toApiTags(extra.tags);
  if (extra.full) {
    out.RoleLastUsed = {
      ...(role.lastUsedDate ? { LastUsedDate: role.lastUsedDate } : {}),
      ...(role.lastUsedRegion ? { Region: role.lastUsedRegion } : {}),
    };
  }
  return out;
}

/** Validates a role name reference. */
export function checkRoleName(v: Violations, value: string | undefined, member = 'roleName'): void {
  if (!v.required(member, value)) checkName(v, member, value, ROLE_NAME_MAX);
}

/** Validates a required policy ARN member (model: 20–2048 characters). */
export function checkPolicyArn(v: Violations, value: string | undefined, member = 'policyArn'): void {
  if (!v.required(member, value)) v.text(member, value, { min: 20, max: 2048, pattern: ARN });
}

const DOCUMENT = /^[\u0009\u000A\u000D\u0020-\u{10FFFF}]+$/u;
/** Validates a required policy document member (model: 1–131072 characters, printable). */
export function checkDocumentMember(v: Violations, value: string | undefined, member = 'policyDocument'): void {
  if (!v.required(member, value)) {
    v.text(member, value, {
      min: 1,
      max: 131072,
      pattern: DOCUMENT,
      patternSource: '[\\u0009\\u000A\\u000D\\u0020-\\u10FFFF]+',
    });
  }
}

const DESCRIPTION = /^[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]*$/;
/** Validates a description (≤ 1000, the model's character set). */
export function checkDescription(v: Violations, value: string | undefined, member = 'description'): void {
  v.text(member, value, {
    max: 1000,
    pattern: DESCRIPTION,
    patternSource: '[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*',
  });
}

/** Pages a small sorted in-memory list by an opaque marker over `keyOf`. */
export function pageInMemory<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
): (q: { after?: string; limit: number }) => Promise<T[]> {
  return async (q) => {
    const start = q.after === undefined ? 0 : items.findIndex((i) => keyOf(i) > (q.after as string));
    return start < 0 ? [] : items.slice(start, start + q.limit);
  };
}
