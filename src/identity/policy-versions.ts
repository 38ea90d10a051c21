import { IamError } from '../shared/index.ts';
import type { IamOperations } from './iam-operations.ts';
import { checkDocumentMember, checkPolicyArn, pageInMemory } from './holders.ts';
import { fetchPage } from './pagination.ts';
import {
  type ResolvedPolicy,
  checkPolicyDocument,
  requireCustomerPolicy,
  requirePolicy,
  versionView,
} from './policy-refs.ts';
import type * as P from './policy-types.ts';
import type { RequestContext } from './request-context.ts';
import { type ServiceCore, write } from './service-core.ts';
import { marker } from './users.ts';
import { Violations, checkPage } from './validation.ts';

/** Versions per managed policy. */
export const VERSIONS_PER_POLICY = 5;
const VERSION_ID = /^v[1-9][0-9]*(\.[A-Za-z0-9-]*)?$/;

function checkVersionId(v: Violations, value: string | undefined): void {
  if (!v.required('versionId', value)) {
    v.text('versionId', value, { pattern: VERSION_ID, patternSource: 'v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?' });
  }
}

const noVersion = (arn: string, id: string) =>
  new IamError('NoSuchEntity', `Policy ${arn} version ${id} does not exist or is not attachable.`);

/** The versions of a resolved policy (an AWS managed one has only its default version). */
async function versionsOf(core: ServiceCore, p: ResolvedPolicy) {
  if (p.kind === 'aws') {
    const e = p.entry;
    return {
      defaultVersionId: e.defaultVersionId,
      versions: [
        { policyId: e.policyId, versionId: e.defaultVersionId, document: e.document, createDate: e.updateDate },
      ],
    };
  }
  return {
    defaultVersionId: p.record.defaultVersionId,
    versions: await core.store.listPolicyVersions(p.record.policyId),
  };
}

type VersionOps = Pick<
  IamOperations,
  'createPolicyVersion' | 'getPolicyVersion' | 'listPolicyVersions' | 'deletePolicyVersion' | 'setDefaultPolicyVersion'
>;

/** Policy versions: at most five, the default one undeletable. */
export function policyVersionOperations(core: ServiceCore): VersionOps {
  return {
    async createPolicyVersion(
      ctx: RequestContext,
      input: P.CreatePolicyVersionInput,
    ): Promise<P.CreatePolicyVersionOutput> {
      const v = new Violations();
      checkPolicyArn(v, input.PolicyArn);
      checkDocumentMember(v, input.PolicyDocument);
      v.throwIfAny();
      checkPolicyDocument(input.PolicyDocument, 'identity', 'managed');
      return write(core, ctx, async (tx) => {
        const p = await requireCustomerPolicy(core, tx, ctx, input.PolicyArn);
        const existing = await tx.listPolicyVersions(p.record.policyId);
        if (existing.length >= VERSIONS_PER_POLICY) {
          throw new IamError(
            'LimitExceeded',
            `A managed policy can have up to ${VERSIONS_PER_POLICY} versions. Before you create a new version, you must delete an existing version.`,
          );
        }
        const now = core.clock.now();
        const version = {
          policyId: p.record.policyId,
          versionId: `v${p.record.nextVersion}`,
          document: input.PolicyDocument,
          createDate: now,
        };
        await tx.insertPolicyVersion(version);
        const isDefault = input.SetAsDefault === true;
        await tx.updatePolicy(p.record.policyId, {
          nextVersion: p.record.nextVersion + 1,
          ...(isDefault ? { defaultVersionId: version.versionId, updateDate: now } : {}),
        });
        return {
          PolicyVersion: versionView(version, isDefault ? version.versionId : p.record.defaultVersionId, false),
        };
      });
    },

    async getPolicyVersion(ctx: RequestContext, input: P.GetPolicyVersionInput): Promise<P.GetPolicyVersionOutput> {
      const v = new Violations();
      checkPolicyArn(v, input.PolicyArn);
      checkVersionId(v, input.VersionId);
      v.throwIfAny();
      const p = await requirePolicy(core, core.store, ctx, input.PolicyArn);
      const { defaultVersionId, versions } = await versionsOf(core, p);
      const found = versions.find((x) => x.versionId === input.VersionId);
      if (!found) throw noVersion(input.PolicyArn, input.VersionId);
      return { PolicyVersion: versionView(found, defaultVersionId, true) };
    },

    async listPolicyVersions(
      ctx: RequestContext,
      input: P.ListPolicyVersionsInput,
    ): Promise<P.ListPolicyVersionsOutput> {
      const v = new Violations();
      checkPolicyArn(v, input.PolicyArn);
      checkPage(v, input);
      v.throwIfAny();
      const p = await requirePolicy(core, core.store, ctx, input.PolicyArn);
      const { defaultVersionId, versions } = await versionsOf(core, p);
      // Newest first, as AWS lists them.
      const keyed = [...versions].reverse().map((x, i) => ({ x, key: String(i).padStart(2, '0') }));
      const page = await fetchPage(
        input,
        pageInMemory(keyed, (k) => k.key),
        (k) => k.key,
      );
      return {
        Versions: page.items.map((k) => versionView(k.x, defaultVersionId, false)),
        IsTruncated: page.IsTruncated,
        ...marker(page.Marker),
      };
    },

    async deletePolicyVersion(ctx: RequestContext, input: P.DeletePolicyVersionInput): Promise<P.EmptyOutputLike> {
      const v = new Violations();
      checkPolicyArn(v, input.PolicyArn);
      checkVersionId(v, input.VersionId);
      v.throwIfAny();
      return write(core, ctx, async (tx) => {
        const p = await requireCustomerPolicy(core, tx, ctx, input.PolicyArn);
        const versions = await tx.listPolicyVersions(p.record.policyId);
        if (!versions.some((x) => x.versionId === input.VersionId)) throw noVersion(input.PolicyArn, input.VersionId);
        if (p.record.defaultVersionId === input.VersionId) {
          throw new IamError('DeleteConflict', 'Cannot delete the default version of a policy.');
        }
        await tx.deletePolicyVersion(p.record.policyId, input.VersionId);
        return {};
      });
    },

    async setDefaultPolicyVersion(
      ctx: RequestContext,
      input: P.SetDefaultPolicyVersionInput,
    ): Promise<P.EmptyOutputLike> {
      const v = new Violations();
      checkPolicyArn(v, input.PolicyArn);
      checkVersionId(v, input.VersionId);
      v.throwIfAny();
      return write(core, ctx, async (tx) => {
        const p = await requireCustomerPolicy(core, tx, ctx, input.PolicyArn);
        const versions = await tx.listPolicyVersions(p.record.policyId);
        if (!versions.some((x) => x.versionId === input.VersionId)) throw noVersion(input.PolicyArn, input.VersionId);
        await tx.updatePolicy(p.record.policyId, { defaultVersionId: input.VersionId, updateDate: core.clock.now() });
        return {};
      });
    },
  };
}
