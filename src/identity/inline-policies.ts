import { POLICY_SIZE_LIMITS } from '../policy/index.ts';
import { IamError } from '../shared/index.ts';
import type { IamOperations } from './iam-operations.ts';
import type { PolicyHolderType } from './identity-store.ts';
import { POLICY_NAME_MAX, checkDocumentMember, pageInMemory, requireHolder } from './holders.ts';
import { fetchPage } from './pagination.ts';
import { checkHolderName } from './policy-attachments.ts';
import { checkPolicyDocument, policySize } from './policy-refs.ts';
import type * as P from './policy-types.ts';
import type { RequestContext } from './request-context.ts';
import { type ServiceCore, write } from './service-core.ts';
import { marker } from './users.ts';
import { Violations, checkName, checkPage } from './validation.ts';

/** Aggregate inline policy size per holder (characters, whitespace excluded). */
export const INLINE_SIZE_LIMIT: Record<PolicyHolderType, number> = {
  user: POLICY_SIZE_LIMITS['user-inline'],
  group: POLICY_SIZE_LIMITS['group-inline'],
  role: POLICY_SIZE_LIMITS['role-inline'],
};

const tooLarge = (type: PolicyHolderType, name: string) =>
  new IamError('LimitExceeded', `Maximum policy size of ${INLINE_SIZE_LIMIT[type]} bytes exceeded for ${type} ${name}`);

const notFound = (type: PolicyHolderType, policyName: string) =>
  new IamError('NoSuchEntity', `The ${type} policy with name ${policyName} cannot be found.`);

function checkPolicyName(v: Violations, value: string | undefined): void {
  if (!v.required('policyName', value)) checkName(v, 'policyName', value, POLICY_NAME_MAX);
}

function putOp(core: ServiceCore, type: PolicyHolderType) {
  return async (
    ctx: RequestContext,
    name: string,
    policyName: string,
    document: string,
  ): Promise<P.EmptyOutputLike> => {
    const v = new Violations();
    checkHolderName(v, type, name);
    checkPolicyName(v, policyName);
    checkDocumentMember(v, document);
    v.throwIfAny();
    const size = policySize(document);
    if (size > INLINE_SIZE_LIMIT[type]) throw tooLarge(type, name);
    checkPolicyDocument(document, 'identity', 'role-inline');
    return write(core, ctx, async (tx) => {
      const holder = await requireHolder(tx, ctx, type, name, true);
      const others = (await tx.listInlinePolicies(holder.id)).filter(
        (p) => p.policyName.toLowerCase() !== policyName.toLowerCase(),
      );
      const total = others.reduce((n, p) => n + policySize(p.document), size);
      if (total > INLINE_SIZE_LIMIT[type]) throw tooLarge(type, holder.name);
      await tx.putInlinePolicy({
        accountId: ctx.accountId,
        holderType: type,
        holderId: holder.id,
        policyName,
        document,
      });
      return {};
    });
  };
}

function getOp(core: ServiceCore, type: PolicyHolderType) {
  return async (ctx: RequestContext, name: string, policyName: string) => {
    const v = new Violations();
    checkHolderName(v, type, name);
    checkPolicyName(v, policyName);
    v.throwIfAny();
    const holder = await requireHolder(core.store, ctx, type, name, false);
    const p = (await core.store.listInlinePolicies(holder.id)).find(
      (x) => x.policyName.toLowerCase() === policyName.toLowerCase(),
    );
    if (!p) throw notFound(type, policyName);
    return { holderName: holder.name, PolicyName: p.policyName, PolicyDocument: p.document };
  };
}

function listOp(core: ServiceCore, type: PolicyHolderType) {
  return async (
    ctx: RequestContext,
    name: string,
    input: { Marker?: string; MaxItems?: number },
  ): Promise<P.ListInlinePoliciesOutput> => {
    const v = new Violations();
    checkHolderName(v, type, name);
    checkPage(v, input);
    v.throwIfAny();
    const holder = await requireHolder(core.store, ctx, type, name, false);
    const names = (await core.store.listInlinePolicies(holder.id)).map((p) => p.policyName);
    const page = await fetchPage(
      input,
      pageInMemory(names, (n) => n.toLowerCase()),
      (n) => n.toLowerCase(),
    );
    return { PolicyNames: page.items, IsTruncated: page.IsTruncated, ...marker(page.Marker) };
  };
}

function deleteOp(core: ServiceCore, type: PolicyHolderType) {
  return async (ctx: RequestContext, name: string, policyName: string): Promise<P.EmptyOutputLike> => {
    const v = new Violations();
    checkHolderName(v, type, name);
    checkPolicyName(v, policyName);
    v.throwIfAny();
    return write(core, ctx, async (tx) => {
      const holder = await requireHolder(tx, ctx, type, name, true);
      const exists = (await tx.listInlinePolicies(holder.id)).some(
        (x) => x.policyName.toLowerCase() === policyName.toLowerCase(),
      );
      if (!exists) throw notFound(type, policyName);
      await tx.deleteInlinePolicy(holder.id, policyName);
      return {};
    });
  };
}

type InlineOps = Pick<
  IamOperations,
  | 'putUserPolicy'
  | 'putGroupPolicy'
  | 'putRolePolicy'
  | 'getUserPolicy'
  | 'getGroupPolicy'
  | 'getRolePolicy'
  | 'listUserPolicies'
  | 'listGroupPolicies'
  | 'listRolePolicies'
  | 'deleteUserPolicy'
  | 'deleteGroupPolicy'
  | 'deleteRolePolicy'
>;

/** Inline policies of users, groups and roles (aggregate size limits 2048 / 5120 / 10240). */
export function inlinePolicyOperations(core: ServiceCore): InlineOps {
  const put = { user: putOp(core, 'user'), group: putOp(core, 'group'), role: putOp(core, 'role') };
  const get = { user: getOp(core, 'user'), group: getOp(core, 'group'), role: getOp(core, 'role') };
  const list = { user: listOp(core, 'user'), group: listOp(core, 'group'), role: listOp(core, 'role') };
  const del = { user: deleteOp(core, 'user'), group: deleteOp(core, 'group'), role: deleteOp(core, 'role') };
  return {
    putUserPolicy: (ctx, i) => put.user(ctx, i.UserName, i.PolicyName, i.PolicyDocument),
    putGroupPolicy: (ctx, i) => put.group(ctx, i.GroupName, i.PolicyName, i.PolicyDocument),
    putRolePolicy: (ctx, i) => put.role(ctx, i.RoleName, i.PolicyName, i.PolicyDocument),
    async getUserPolicy(ctx, i) {
      const { holderName, ...rest } = await get.user(ctx, i.UserName, i.PolicyName);
      return { UserName: holderName, ...rest };
    },
    async getGroupPolicy(ctx, i) {
      const { holderName, ...rest } = await get.group(ctx, i.GroupName, i.PolicyName);
      return { GroupName: holderName, ...rest };
    },
    async getRolePolicy(ctx, i) {
      const { holderName, ...rest } = await get.role(ctx, i.RoleName, i.PolicyName);
      return { RoleName: holderName, ...rest };
    },
    listUserPolicies: (ctx, i) => list.user(ctx, i.UserName, i),
    listGroupPolicies: (ctx, i) => list.group(ctx, i.GroupName, i),
    listRolePolicies: (ctx, i) => list.role(ctx, i.RoleName, i),
    deleteUserPolicy: (ctx, i) => del.user(ctx, i.UserName, i.PolicyName),
    deleteGroupPolicy: (ctx, i) => del.group(ctx, i.GroupName, i.PolicyName),
    deleteRolePolicy: (ctx, i) => del.role(ctx, i.RoleName, i.PolicyName),
  };
}
