import { randomUUID } from 'node:crypto';
import { IamError } from '../shared/index.ts';
import type { EmptyOutput, Tag } from './iam-types.ts';
import type { IdentityReader, OidcProviderRecord } from './identity-store.ts';
import { pageTags } from './managed-policies.ts';
import type * as O from './oidc-provider-types.ts';
import type { RequestContext } from './request-context.ts';
import { type ServiceCore, write } from './service-core.ts';
import { checkTagKeys, checkTags, checkTagSemantics, mergeTags, removeTags, toApiTags } from './tags.ts';
import { checkPage, Violations } from './validation.ts';

/** IAM quotas for OpenID Connect providers (IAM and STS quotas page). */
export const OIDC_QUOTAS = Object.freeze({ providersPerAccount: 100, clientIdsPerProvider: 100, thumbprintsPerProvider: 5 });

const ARN = /^arn:([\w-]+):iam::(\d{12}):oidc-provider\/(.+)$/;
const HEX40 = /^[0-9a-fA-F]{40}$/;

const notFound = (arn: string) => new IamError('NoSuchEntity', `OpenIDConnect Provider not found for arn ${arn}`);
const quota = (name: string, n: number) => new IamError('LimitExceeded', `Cannot exceed quota for ${name}: ${n}`);

/**
 * The provider url as stored and as the ARN ends: the issuer URL without `https://`. It must be https, with a
 * host, and no port, query, fragment or user info (OIDC issuers have none; AWS says the same).
 */
export function providerUrlOf(url: string): string {
  const bad = (why: string) => new IamError('InvalidInput', `Invalid OpenID Connect provider URL '${url}': ${why}.`);
  if (!/^https:\/\//i.test(url)) throw bad('it must begin with https://');
  const rest = url.slice('https://'.length);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw bad('it is not a URL');
  }
  if (parsed.hostname === '' || rest.startsWith('/')) throw bad('it has no host');
  if (parsed.port !== '' || /^[^/]*:/.test(rest)) throw bad('it must not contain a port number');
  if (parsed.search !== '' || rest.includes('?')) throw bad('query parameters are not allowed');
  if (parsed.hash !== '' || rest.includes('#')) throw bad('a fragment is not allowed');
  if (parsed.username !== '' || rest.includes('@')) throw bad('user information is not allowed');
  if (/\s/.test(rest)) throw bad('it must not contain white space');
  return rest;
}

/** `arn:P:iam::A:oidc-provider/{url}`. */
export const oidcProviderArn = (partition: string, accountId: string, url: string): string =>
  `arn:${partition}:iam::${accountId}:oidc-provider/${url}`;

function checkArn(v: Violations, arn: string | undefined): void {
  if (!v.required('openIDConnectProviderArn', arn)) v.text('openIDConnectProviderArn', arn, { min: 20, max: 2048 });
}

function checkClientId(v: Violations, member: string, id: string | undefined): void {
  v.text(member, id, { min: 1, max: 255 });
}

function checkThumbprints(v: Violations, list: string[] | undefined): void {
  list?.forEach((t, i) => v.text(`thumbprintList.${i + 1}.member`, t, { min: 40, max: 40 }));
}

/** Semantic checks of a thumbprint list (after the model's): hex only, at most 5; duplicates dropped. */
function thumbprintsOf(list: string[]): string[] {
  const out: string[] = [];
  for (const t of list) {
    if (!HEX40.test(t)) throw new IamError('InvalidInput', `Thumbprint '${t}' is not a 40-character hexadecimal SHA-1 fingerprint.`);
    if (!out.some((o) => o.toLowerCase() === t.toLowerCase())) out.push(t);
  }
  if (out.length > OIDC_QUOTAS.thumbprintsPerProvider)
    throw quota('ThumbprintsPerOpenIdConnectProvider', OIDC_QUOTAS.thumbprintsPerProvider);
  return out;
}

/** The provider an ARN names in the caller's account, or NoSuchEntity (InvalidInput for what is not such an ARN). */
async function requireProvider(r: IdentityReader, ctx: RequestContext, arn: string): Promise<OidcProviderRecord> {
  const m = ARN.exec(arn);
  if (m === null) throw new IamError('InvalidInput', `ARN ${arn} is not valid.`);
  if (m[2] !== ctx.accountId) throw notFound(arn);
  const p = await r.getOidcProvider(ctx.accountId, m[3]!);
  if (!p) throw notFound(arn);
  return p;
}

/** Create, read, list, delete, client ids, thumbprints and tags of IAM OpenID Connect providers. */
export function oidcProviderOperations(core: ServiceCore): O.OidcProviderOperations {
  return {
    async createOpenIDConnectProvider(ctx, input) {
      const v = new Violations();
      if (!v.required('url', input.Url)) v.text('url', input.Url, { min: 1, max: 255 });
      input.ClientIDList?.forEach((c, i) => checkClientId(v, `clientIDList.${i + 1}.member`, c));
      checkThumbprints(v, input.ThumbprintList);
      checkTags(v, input.Tags);
      v.throwIfAny();
      const url = providerUrlOf(input.Url as string);
      const clientIds = [...new Set(input.ClientIDList ?? [])];
      if (clientIds.length > OIDC_QUOTAS.clientIdsPerProvider)
        throw quota('ClientIdsPerOpenIdConnectProvider', OIDC_QUOTAS.clientIdsPerProvider);
      const thumbprints = thumbprintsOf(input.ThumbprintList ?? []);
      const tags: Tag[] = input.Tags ?? [];
      checkTagSemantics(tags);
      const arn = oidcProviderArn(ctx.partition, ctx.accountId, url);
      await write(core, ctx, async (tx) => {
        if ((await tx.listOidcProviders(ctx.accountId)).length >= OIDC_QUOTAS.providersPerAccount)
          throw quota('OpenIdConnectProvidersPerAccount', OIDC_QUOTAS.providersPerAccount);
        const providerId = randomUUID().replaceAll('-', '');
        await tx.insertOidcProvider(
          { providerId, accountId: ctx.accountId, url, clientIds, thumbprints, createDate: core.clock.now() },
          `Provider with url https://${url} already exists.`,
        );
        if (tags.length > 0) await tx.setEntityTags(providerId, tags.map((t) => ({ key: t.Key, value: t.Value })), ctx.accountId);
      });
      return { OpenIDConnectProviderArn: arn, ...(tags.length > 0 ? { Tags: tags } : {}) };
    },

    async getOpenIDConnectProvider(ctx, input) {
      const v = new Violations();
      checkArn(v, input.OpenIDConnectProviderArn);
      v.throwIfAny();
      const p = await requireProvider(core.store, ctx, input.OpenIDConnectProviderArn as string);
      const tags = await core.store.listEntityTags(p.providerId);
      return {
        Url: p.url,
        ClientIDList: p.clientIds,
        ThumbprintList: p.thumbprints,
        CreateDate: p.createDate,
        ...(tags.length > 0 ? { Tags: toApiTags(tags) } : {}),
      };
    },

    async listOpenIDConnectProviders(ctx) {
      const all = await core.store.listOidcProviders(ctx.accountId);
      return { OpenIDConnectProviderList: all.map((p) => ({ Arn: oidcProviderArn(ctx.partition, ctx.accountId, p.url) })) };
    },

    async deleteOpenIDConnectProvider(ctx, input): Promise<EmptyOutput> {
      const v = new Violations();
      checkArn(v, input.OpenIDConnectProviderArn);
      v.throwIfAny();
      return write(core, ctx, async (tx) => {
        const p = await requireProvider(tx, ctx, input.OpenIDConnectProviderArn as string);
        await tx.setEntityTags(p.providerId, [], ctx.accountId);
        await tx.deleteOidcProvider(p.providerId);
        return {};
      });
    },

    async addClientIDToOpenIDConnectProvider(ctx, input): Promise<EmptyOutput> {
      const v = new Violations();
      checkArn(v, input.OpenIDConnectProviderArn);
      if (!v.required('clientID', input.ClientID)) checkClientId(v, 'clientID', input.ClientID);
      v.throwIfAny();
      const id = input.ClientID as string;
      return write(core, ctx, async (tx) => {
        const p = await requireProvider(tx, ctx, input.OpenIDConnectProviderArn as string);
        // Idempotent, as AWS documents: adding a client id that is already there changes nothing.
        if (p.clientIds.includes(id)) return {};
        if (p.clientIds.length >= OIDC_QUOTAS.clientIdsPerProvider)
          throw quota('ClientIdsPerOpenIdConnectProvider', OIDC_QUOTAS.clientIdsPerProvider);
        await tx.updateOidcProvider(p.providerId, { clientIds: [...p.clientIds, id] });
        return {};
      });
    },

    async removeClientIDFromOpenIDConnectProvider(ctx, input): Promise<EmptyOutput> {
      const v = new Violations();
      checkArn(v, input.OpenIDConnectProviderArn);
      if (!v.required('clientID', input.ClientID)) checkClientId(v, 'clientID', input.ClientID);
      v.throwIfAny();
      return write(core, ctx, async (tx) => {
        const p = await requireProvider(tx, ctx, input.OpenIDConnectProviderArn as string);
        // Idempotent: removing an absent client id is not an error.
        if (!p.clientIds.includes(input.ClientID as string)) return {};
        await tx.updateOidcProvider(p.providerId, { clientIds: p.clientIds.filter((c) => c !== input.ClientID) });
        return {};
      });
    },

    async updateOpenIDConnectProviderThumbprint(ctx, input): Promise<EmptyOutput> {
      const v = new Violations();
      checkArn(v, input.OpenIDConnectProviderArn);
      if (!v.required('thumbprintList', input.ThumbprintList)) checkThumbprints(v, input.ThumbprintList);
      v.throwIfAny();
      const thumbprints = thumbprintsOf(input.ThumbprintList as string[]);
      return write(core, ctx, async (tx) => {
        const p = await requireProvider(tx, ctx, input.OpenIDConnectProviderArn as string);
        await tx.updateOidcProvider(p.providerId, { thumbprints });
        return {};
      });
    },

    async tagOpenIDConnectProvider(ctx, input): Promise<EmptyOutput> {
      const v = new Violations();
      checkArn(v, input.OpenIDConnectProviderArn);
      if (!v.required('tags', input.Tags)) checkTags(v, input.Tags);
      v.throwIfAny();
      checkTagSemantics(input.Tags as Tag[]);
      return write(core, ctx, async (tx) => {
        const p = await requireProvider(tx, ctx, input.OpenIDConnectProviderArn as string);
        await tx.setEntityTags(p.providerId, mergeTags(await tx.listEntityTags(p.providerId), input.Tags as Tag[]), ctx.accountId);
        return {};
      });
    },

    async untagOpenIDConnectProvider(ctx, input): Promise<EmptyOutput> {
      const v = new Violations();
      checkArn(v, input.OpenIDConnectProviderArn);
      if (!v.required('tagKeys', input.TagKeys)) checkTagKeys(v, input.TagKeys);
      v.throwIfAny();
      return write(core, ctx, async (tx) => {
        const p = await requireProvider(tx, ctx, input.OpenIDConnectProviderArn as string);
        await tx.setEntityTags(p.providerId, removeTags(await tx.listEntityTags(p.providerId), input.TagKeys as string[]), ctx.accountId);
        return {};
      });
    },

    async listOpenIDConnectProviderTags(ctx, input) {
      const v = new Violations();
      checkArn(v, input.OpenIDConnectProviderArn);
      checkPage(v, input);
      v.throwIfAny();
      const p = await requireProvider(core.store, ctx, input.OpenIDConnectProviderArn as string);
      return pageTags(input, await core.store.listEntityTags(p.providerId));
    },
  };
}

/** The provider lookup STS uses to verify web identity tokens. */
export function oidcProviderDirectory(core: ServiceCore): O.OidcProviderDirectory {
  return {
    async find(accountId, url) {
      const p = await core.store.getOidcProvider(accountId, url);
      return p && { url: p.url, clientIds: p.clientIds };
    },
  };
}
