import type { IamActionName } from '../../../identity/index.ts';
import type { ActionHandler } from '../action-handler.ts';
import { decodeInput } from '../input-decoder.ts';
import { paging, required, str, struct } from '../shapes.ts';

const accountAlias = struct({ AccountAlias: required(str) });
const listAccountAliases = struct({ ...paging });
const noInput = struct({});

/** IAM account alias and account summary actions. */
export const ACCOUNT_ACTIONS = {
  CreateAccountAlias: ({ ctx, params, services }) =>
    services.iam.createAccountAlias(ctx, decodeInput(accountAlias, params)),
  DeleteAccountAlias: ({ ctx, params, services }) =>
    services.iam.deleteAccountAlias(ctx, decodeInput(accountAlias, params)),
  ListAccountAliases: ({ ctx, params, services }) =>
    services.iam.listAccountAliases(ctx, decodeInput(listAccountAliases, params)),
  GetAccountSummary: ({ ctx, params, services }) => services.iam.getAccountSummary(ctx, decodeInput(noInput, params)),
} satisfies Partial<Record<IamActionName, ActionHandler>>;
