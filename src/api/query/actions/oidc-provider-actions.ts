import type { OidcProviderActionName } from '../../../identity/index.ts';
import type { ActionHandler } from '../action-handler.ts';
import { decodeInput } from '../input-decoder.ts';
import { list, optional, paging, str, struct, tag } from '../shapes.ts';

// Required members are checked by identity/ so every violation is reported in AWS's one-message form.
const arnOnly = struct({ OpenIDConnectProviderArn: optional(str) });
const create = struct({
  Url: optional(str),
  ClientIDList: optional(list(str)),
  ThumbprintList: optional(list(str)),
  Tags: optional(list(tag)),
});
const clientId = struct({ OpenIDConnectProviderArn: optional(str), ClientID: optional(str) });
const thumbprint = struct({ OpenIDConnectProviderArn: optional(str), ThumbprintList: optional(list(str)) });
const tagProvider = struct({ OpenIDConnectProviderArn: optional(str), Tags: optional(list(tag)) });
const untagProvider = struct({ OpenIDConnectProviderArn: optional(str), TagKeys: optional(list(str)) });
const listTags = struct({ OpenIDConnectProviderArn: optional(str), ...paging });

/** The IAM OpenID Connect provider actions (issue 5). */
export const OIDC_PROVIDER_ACTIONS = {
  CreateOpenIDConnectProvider: ({ ctx, params, services }) =>
    services.iam.createOpenIDConnectProvider(ctx, decodeInput(create, params)),
  GetOpenIDConnectProvider: ({ ctx, params, services }) =>
    services.iam.getOpenIDConnectProvider(ctx, decodeInput(arnOnly, params)),
  ListOpenIDConnectProviders: ({ ctx, params, services }) =>
    services.iam.listOpenIDConnectProviders(ctx, decodeInput(struct({}), params)),
  DeleteOpenIDConnectProvider: ({ ctx, params, services }) =>
    services.iam.deleteOpenIDConnectProvider(ctx, decodeInput(arnOnly, params)),
  AddClientIDToOpenIDConnectProvider: ({ ctx, params, services }) =>
    services.iam.addClientIDToOpenIDConnectProvider(ctx, decodeInput(clientId, params)),
  RemoveClientIDFromOpenIDConnectProvider: ({ ctx, params, services }) =>
    services.iam.removeClientIDFromOpenIDConnectProvider(ctx, decodeInput(clientId, params)),
  UpdateOpenIDConnectProviderThumbprint: ({ ctx, params, services }) =>
    services.iam.updateOpenIDConnectProviderThumbprint(ctx, decodeInput(thumbprint, params)),
  TagOpenIDConnectProvider: ({ ctx, params, services }) =>
    services.iam.tagOpenIDConnectProvider(ctx, decodeInput(tagProvider, params)),
  UntagOpenIDConnectProvider: ({ ctx, params, services }) =>
    services.iam.untagOpenIDConnectProvider(ctx, decodeInput(untagProvider, params)),
  ListOpenIDConnectProviderTags: ({ ctx, params, services }) =>
    services.iam.listOpenIDConnectProviderTags(ctx, decodeInput(listTags, params)),
} satisfies Record<OidcProviderActionName, ActionHandler>;
