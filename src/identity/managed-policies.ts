import { IamError, newUniqueId } from '../shared/index.ts';
import type { IamOperations } from './iam-operations.ts';
import { POLICY_NAME_MAX, checkDescription, checkDocumentMember, checkPolicyArn, pageInMemory } from './holders.ts';
import { fetchPage } from './pagination.ts';
import {
  type ResolvedPolicy,
  awsPolicyArn,
  awsRef,
  checkPolicyDocument,
  customerPolicyArn,
  policyUsage,
  policyView,
  requireCustomerPolicy,
  requirePolicy,
} from './policy-refs.ts';
import type * as P from './policy-types.ts';
import type { RequestContext } from './request-context.ts';
import { type ServiceCore, write } from './service-core.ts';
import { checkTagKeys, checkTagSemantics, checkTags, mergeTags, removeTags, toApiTags } from './tags.ts';
import { marker } from './users.ts';
import { PATH_PREFIX, PATH_PREFIX_SOURCE, Violations, checkName, checkPage, checkPath } from './validation.ts';

/** Customer managed policies per account. */
export const POLICIES_PER_ACCOUNT = 1500;

type ManagedPolicyOps = Pick<
  IamOperations,
  'createPolicy' | 'getPolicy' | 'listPolicies' | 'deletePolicy' | 'tagPolicy' | 'untagPolicy' | 'listPolicyTags'
>;

/** CreatePolicy, GetPolicy, ListPolicies, DeletePolicy and the policy tag actions. */
export function managedPolicyOperations(core: ServiceCore): ManagedPolicyOps {
  return {
    async createPolicy(ctx: RequestContext, input: P.CreatePolicyInput): Promise<P.CreatePolicyOutput> {
      const v = new Violations();
      if (!v.required('policyName', input.PolicyName)) checkName(v, 'policyName', input.PolicyName, POLICY_NAME_MAX);
      checkPath(v, 'path', input.Path);
      checkDocumentMember(v, input.PolicyDocument);
      checkDescription(v, input.Description);
      checkTags(v, input.Tags);
      v.throwIfAny();
      const tags = input.Tags ?? [];
      checkTagSemantics(tags);
      checkPolicyDocument(input.PolicyDocument, 'identity', 'managed');
      return write(core, ctx, async (tx) => {
        if (await tx.getPolicyByName(ctx.accountId, input.PolicyName)) {
          throw new IamError(
            'EntityAlreadyExists',
            `A policy called ${input.PolicyName} already exists. Duplicate names are not allowed.`,
          );
        }
        if ((await tx.countPolicies(ctx.accountId)) >= POLICIES_PER_ACCOUNT) {
          throw new IamError('LimitExceeded', `Cannot exceed quota for PoliciesPerAccount: ${POLICIES_PER_ACCOUNT}`);
        }
        const now = core.clock.now();
        const record = {
          accountId: ctx.accountId,
          policyId: newUniqueId('ANPA'),
          policyName: input.PolicyName,
          path: input.Path ?? '/',
          partition: ctx.partition,
          description: input.Description ?? null,
          createDate: now,
          updateDate: now,
          defaultVersionId: 'v1',
          nextVersion: 2,
        };
        await tx.insertPolicy(record);
        await tx.insertPolicyVersion({
          policyId: record.policyId,
          versionId: 'v1',
          document: input.PolicyDocument,
          createDate: now,
        });
        const tagRecords = tags.map((t) => ({ key: t.Key, value: t.Value }));
        await tx.setEntityTags(record.policyId, tagRecords);
        const resolved: ResolvedPolicy = {
          kind: 'customer',
          arn: customerPolicyArn(record),
          ref: record.policyId,
          record,
        };
        const Policy = policyView(resolved, { attachments: new Map(), boundaries: new Map() }, tagRecords);
        return { Policy };
      });
    },

    async getPolicy(ctx: RequestContext, input: P.GetPolicyInput): Promise<P.GetPolicyOutput> {
      const v = new Violations();
      checkPolicyArn(v, input.PolicyArn);
      v.throwIfAny();
      const p = await requirePolicy(core, core.store, ctx, input.PolicyArn);
      const usage = await policyUsage(core.store, ctx.accountId);
      const tags = p.kind === 'customer' ? await core.store.listEntityTags(p.record.policyId) : [];
      return { Policy: policyView(p, usage, tags) };
    },

    async listPolicies(ctx: RequestContext, input: P.ListPoliciesInput): Promise<P.ListPoliciesOutput> {
      const v = new Violations();
      v.oneOf('scope', input.Scope, ['All', 'AWS', 'Local']);
      v.text('pathPrefix', input.PathPrefix, {
        min: 1,
        max: 512,
        pattern: PATH_PREFIX,
        patternSource: PATH_PREFIX_SOURCE,
      });
      v.oneOf('policyUsageFilter', input.PolicyUsageFilter, ['PermissionsPolicy', 'PermissionsBoundary']);
      checkPage(v, input);
      v.throwIfAny();
      const scope = input.Scope ?? 'All';
      const prefix = input.PathPrefix ?? '/';
      const usage = await policyUsage(core.store, ctx.accountId);
      // Sort key: lower-cased name, then a scope tag so an AWS and a local policy of one name both appear.
      type Row = { key: string; p: ResolvedPolicy };
      const rows: Row[] = [];
      if (scope !== 'Local') {
        for (const e of core.catalog.all()) {
          if (!e.path.startsWith(prefix)) continue;
          const p: ResolvedPolicy = { kind: 'aws', arn: awsPolicyArn(ctx.partition, e), ref: awsRef(e), entry: e };
          rows.push({ key: `${e.policyName.toLowerCase()}\u0000a`, p });
        }
      }
      if (scope !== 'AWS') {
        for (const r of await core.store.listPolicies(ctx.accountId, {
          limit: POLICIES_PER_ACCOUNT + 1,
          pathPrefix: prefix,
        })) {
          const p: ResolvedPolicy = { kind: 'customer', arn: customerPolicyArn(r), ref: r.policyId, record: r };
          rows.push({ key: `${r.policyName.toLowerCase()}\u0000l`, p });
        }
      }
      const used = (row: Row): boolean => {
        const view = policyView(row.p, usage);
        const attached = view.AttachmentCount > 0;
        const boundary = view.PermissionsBoundaryUsageCount > 0;
        if (input.PolicyUsageFilter === 'PermissionsPolicy') return attached;
        if (input.PolicyUsageFilter === 'PermissionsBoundary') return boundary;
        return attached || boundary;
      };
      // OnlyAttached and the usage filter both keep policies in use in the way asked.
      const wanted = rows
        .filter((r) => (input.OnlyAttached || input.PolicyUsageFilter ? used(r) : true))
        .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      const page = await fetchPage(
        input,
        pageInMemory(wanted, (r) => r.key),
        (r) => r.key,
      );
      return {
        Policies: page.items.map((r) => policyView(r.p, usage)),
        IsTruncated: page.IsTruncated,
        ...marker(page.Marker),
      };
    },

    async deletePolicy(ctx: RequestContext, input: P.DeletePolicyInput): Promise<P.EmptyOutputLike> {
      const v = new Violations();
      checkPolicyArn(v, input.PolicyArn);
      v.throwIfAny();
      return write(core, ctx, async (tx) => {
        const p = await requireCustomerPolicy(core, tx, ctx, input.PolicyArn);
        if ((await tx.listAttachmentsTo(ctx.accountId, p.ref)).length > 0) {
          throw new IamError('DeleteConflict', 'Cannot delete a policy attached to entities.');
        }
        if (((await tx.countBoundaryUses(ctx.accountId)).get(p.arn) ?? 0) > 0) {
          throw new IamError('DeleteConflict', 'Cannot delete a policy attached to entities.');
        }
        if ((await tx.listPolicyVersions(p.record.policyId)).length > 1) {
          throw new IamError(
            'DeleteConflict',
            "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.",
          );
        }
        await tx.deletePolicy(p.record.policyId);
        return {};
      });
    },

    async tagPolicy(ctx: RequestContext, input: P.TagPolicyInput): Promise<P.EmptyOutputLike> {
      const v = new Violations();
      checkPolicyArn(v, input.PolicyArn);
      if (!v.required('tags', input.Tags)) checkTags(v, input.Tags);
      v.throwIfAny();
      checkTagSemantics(input.Tags);
      return write(core, ctx, async (tx) => {
        const p = await requireCustomerPolicy(core, tx, ctx, input.PolicyArn);
        const id = p.record.policyId;
        await tx.setEntityTags(id, mergeTags(await tx.listEntityTags(id), input.Tags));
        return {};
      });
    },

    async untagPolicy(ctx: RequestContext, input: P.UntagPolicyInput): Promise<P.EmptyOutputLike> {
      const v = new Violations();
      checkPolicyArn(v, input.PolicyArn);
      if (!v.required('tagKeys', input.TagKeys)) checkTagKeys(v, input.TagKeys);
      v.throwIfAny();
      return write(core, ctx, async (tx) => {
        const p = await requireCustomerPolicy(core, tx, ctx, input.PolicyArn);
        const id = p.record.policyId;
        await tx.setEntityTags(id, removeTags(await tx.listEntityTags(id), input.TagKeys));
        return {};
      });
    },

    async listPolicyTags(ctx: RequestContext, input: P.ListPolicyTagsInput): Promise<P.ListTagsOutput> {
      const v = new Violations();
      checkPolicyArn(v, input.PolicyArn);
      checkPage(v, input);
      v.throwIfAny();
      const p = await requirePolicy(core, core.store, ctx, input.PolicyArn);
      const tags = p.kind === 'customer' ? await core.store.listEntityTags(p.record.policyId) : [];
      return pageTags(input, tags);
    },
  };
}

/** Pages a resource's tags (≤ 50) in memory by position. */
export async function pageTags(
  input: { Marker?: string; MaxItems?: number },
  tags: { key: string; value: string }[],
): Promise<P.ListTagsOutput> {
  const indexed = toApiTags(tags).map((t, i) => ({ t, key: String(i).padStart(3, '0') }));
  const page = await fetchPage(
    input,
    pageInMemory(indexed, (x) => x.key),
    (x) => x.key,
  );
  return { Tags: page.items.map((x) => x.t), IsTruncated: page.IsTruncated, ...marker(page.Marker) };
}
