/** Inputs and outputs of the OpenID Connect provider actions, in AWS's shapes (issue 5). */
import type { EmptyOutput, PageInput, Tag } from './iam-types.ts';
import type { ListTagsOutput } from './policy-types.ts';
import type { RequestContext } from './request-context.ts';

export type CreateOpenIdConnectProviderInput = {
  Url?: string;
  ClientIDList?: string[];
  ThumbprintList?: string[];
  Tags?: Tag[];
};
export type CreateOpenIdConnectProviderOutput = { OpenIDConnectProviderArn: string; Tags?: Tag[] };
export type OidcProviderArnInput = { OpenIDConnectProviderArn?: string };
export type GetOpenIdConnectProviderOutput = {
  Url: string;
  ClientIDList: string[];
  ThumbprintList: string[];
  CreateDate: Date;
  Tags?: Tag[];
};
export type ListOpenIdConnectProvidersOutput = { OpenIDConnectProviderList: { Arn: string }[] };
export type OidcClientIdInput = OidcProviderArnInput & { ClientID?: string };
export type UpdateOidcThumbprintInput = OidcProviderArnInput & { ThumbprintList?: string[] };
export type TagOidcProviderInput = OidcProviderArnInput & { Tags?: Tag[] };
export type UntagOidcProviderInput = OidcProviderArnInput & { TagKeys?: string[] };
export type ListOidcProviderTagsInput = OidcProviderArnInput & PageInput;

type Op<I, O> = (ctx: RequestContext, input: I) => Promise<O>;

/** The OpenID Connect provider actions: one method per IAM action, named as the action in lowerCamelCase. */
export interface OidcProviderOperations {
  createOpenIDConnectProvider: Op<CreateOpenIdConnectProviderInput, CreateOpenIdConnectProviderOutput>;
  getOpenIDConnectProvider: Op<OidcProviderArnInput, GetOpenIdConnectProviderOutput>;
  listOpenIDConnectProviders: Op<object, ListOpenIdConnectProvidersOutput>;
  deleteOpenIDConnectProvider: Op<OidcProviderArnInput, EmptyOutput>;
  addClientIDToOpenIDConnectProvider: Op<OidcClientIdInput, EmptyOutput>;
  removeClientIDFromOpenIDConnectProvider: Op<OidcClientIdInput, EmptyOutput>;
  updateOpenIDConnectProviderThumbprint: Op<UpdateOidcThumbprintInput, EmptyOutput>;
  tagOpenIDConnectProvider: Op<TagOidcProviderInput, EmptyOutput>;
  untagOpenIDConnectProvider: Op<UntagOidcProviderInput, EmptyOutput>;
  listOpenIDConnectProviderTags: Op<ListOidcProviderTagsInput, ListTagsOutput>;
}

/** The OIDC provider action names (PascalCase). */
export type OidcProviderActionName = Capitalize<keyof OidcProviderOperations>;

/** What STS needs to know about a provider when it verifies a web identity token. */
export type OidcProviderView = {
  /** Host and optional path, without `https://` (the ARN is `arn:P:iam::A:oidc-provider/{url}`). */
  readonly url: string;
  readonly clientIds: readonly string[];
};

/** Looks a provider up for STS by account and issuer url (no `https://`). */
export interface OidcProviderDirectory {
  find(accountId: string, url: string): Promise<OidcProviderView | undefined>;
}
