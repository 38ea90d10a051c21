import { IamError } from '../shared/index.ts';
import type * as T from './iam-types.ts';
import type { IamOperations } from './iam-operations.ts';
import type { RequestContext } from './request-context.ts';
import { QUOTAS, type ServiceCore, write } from './service-core.ts';
import { marker } from './users.ts';
import { Violations, checkPage } from './validation.ts';
import { mfaBody } from './mfa-devices.ts';

/** The model's account alias pattern (3–63, lower-case, no double hyphen, no leading/trailing hyphen). */
export const ALIAS = /^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$/;
const ALIAS_SOURCE = '^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$';

/** Validates an alias (model constraints, then "not a 12-digit number", which would read as an account id). */
export function checkAlias(alias: string | undefined): asserts alias is string {
  const v = new Violations();
  if (!v.required('accountAlias', alias)) {
    v.text('accountAlias', alias, { min: 3, max: 63, pattern: ALIAS, patternSource: ALIAS_SOURCE });
  }
  v.throwIfAny();
  if (/^\d{12}$/.test(alias as string))
    throw new IamError('InvalidInput', 'An account alias cannot be a 12-digit number.');
}

type AccountOps = Pick<
  IamOperations,
  'createAccountAlias' | 'deleteAccountAlias' | 'listAccountAliases' | 'getAccountSummary'
>;

/** Account alias (one per account, unique across accounts) and GetAccountSummary. */
export function accountOperations(core: ServiceCore): AccountOps {
  return {
    async createAccountAlias(ctx: RequestContext, input: T.CreateAccountAliasInput): Promise<T.EmptyOutput> {
      checkAlias(input.AccountAlias);
      return write(core, ctx, async (tx) => {
        const holder = await tx.findAccountByAlias(input.AccountAlias);
        if (holder && holder.accountId !== ctx.accountId) {
          throw new IamError('EntityAlreadyExists', `The account alias ${input.AccountAlias} already exists.`);
        }
        // An account has at most one alias: creating another replaces it, as AWS does.
        await tx.setAccountAlias(ctx.accountId, input.AccountAlias);
        return {};
      });
    },

    async deleteAccountAlias(ctx: RequestContext, input: T.DeleteAccountAliasInput): Promise<T.EmptyOutput> {
      checkAlias(input.AccountAlias);
      return write(core, ctx, async (tx) => {
        const account = await tx.getAccount(ctx.accountId);
        if (account?.alias !== input.AccountAlias) {
          throw new IamError('NoSuchEntity', `The account alias ${input.AccountAlias} cannot be found.`);
        }
        await tx.setAccountAlias(ctx.accountId, null);
        return {};
      });
    },

    async listAccountAliases(
      ctx: RequestContext,
      input: T.ListAccountAliasesInput,
    ): Promise<T.ListAccountAliasesOutput> {
      const v = new Violations();
      checkPage(v, input);
      v.throwIfAny();
      const account = await core.store.getAccount(ctx.accountId);
      // At most one alias: a single page; a Marker can only point past it.
      const aliases = account?.alias && input.Marker === undefined ? [account.alias] : [];
      return { AccountAliases: aliases, IsTruncated: false, ...marker(undefined) };
    },

    async getAccountSummary(ctx: RequestContext): Promise<T.GetAccountSummaryOutput> {
      const [users, groups, rootKeys, roles, policies, versions, profiles] = await Promise.all([
        core.store.countUsers(ctx.accountId),
        core.store.countGroups(ctx.accountId),
        core.store.countAccessKeys(ctx.accountId, null),
        core.store.countRoles(ctx.accountId),
        core.store.countPolicies(ctx.accountId),
        core.store.countPolicyVersions(ctx.accountId),
        core.store.countInstanceProfiles(ctx.accountId),
      ]);
      const mfa = await core.store.listSecurityItems(ctx.accountId, 'mfa');
      const providers = (await core.store.listOidcProviders(ctx.accountId)).length;
      const inUse = mfa.filter((d) => d.userId !== null || mfaBody(d).root === true).length;
      const rootMfa = mfa.some((d) => mfaBody(d).root === true);
      // Entities that later issues add (MFA, providers, server certificates) are counted here as their tables arrive.
      const entries: [string, number][] = [
        ['Users', users],
        ['UsersQuota', QUOTAS.usersPerAccount],
        ['Groups', groups],
        ['GroupsQuota', QUOTAS.groupsPerAccount],
        ['ServerCertificates', 0],
        ['ServerCertificatesQuota', 20],
        ['UserPolicySizeQuota', 2048],
        ['GroupPolicySizeQuota', 5120],
        ['GroupsPerUserQuota', QUOTAS.groupsPerUser],
        ['SigningCertificatesPerUserQuota', 2],
        ['AccessKeysPerUserQuota', QUOTAS.accessKeysPerUser],
        ['MFADevices', mfa.length],
        ['MFADevicesInUse', inUse],
        ['AccountMFAEnabled', rootMfa ? 1 : 0],
        ['AccountAccessKeysPresent', rootKeys > 0 ? 1 : 0],
        ['AccountPasswordPresent', 0],
        ['AccountSigningCertificatesPresent', 0],
        ['AttachedPoliciesPerGroupQuota', 10],
        ['AttachedPoliciesPerRoleQuota', 10],
        ['AttachedPoliciesPerUserQuota', 10],
        ['Policies', policies],
        ['PoliciesQuota', 1500],
        ['PolicySizeQuota', 6144],
        ['PolicyVersionsInUse', versions],
        ['PolicyVersionsInUseQuota', 10000],
        ['VersionsPerPolicyQuota', 5],
        ['GlobalEndpointTokenVersion', 1],
        ['AssumeRolePolicySizeQuota', 2048],
        ['InstanceProfiles', profiles],
        ['InstanceProfilesQuota', 1000],
        ['Providers', providers],
        ['RolePolicySizeQuota', 10240],
        ['Roles', roles],
        ['RolesQuota', 1000],
      ];
      return { SummaryMap: new Map(entries) };
    },
  };
}
