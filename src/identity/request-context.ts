/**
 * Who is calling: a tagged union. GetSessionToken sessions stay `root` / `user` callers; role sessions and
 * federated users (temporary credentials) have their own members.
 */
export type Caller =
  | { type: 'root'; accountId: string; arn: string /** = accountId */; userId: string }
  | { type: 'user'; accountId: string; arn: string; userId: string; userName: string; path: string }
  /** A role session (AssumeRole): `arn` is `arn:P:sts::A:assumed-role/ROLE/SESSION`, `userId` `AROA…:SESSION`. */
  | { type: 'assumed-role'; accountId: string; arn: string; userId: string; roleName: string; roleArn: string }
  /** A federated user (GetFederationToken): `arn` is `arn:P:sts::A:federated-user/NAME`, `userId` `A:NAME`. */
  | { type: 'federated-user'; accountId: string; arn: string; userId: string };

/** What every operation receives from the API layer. Every ARN a request creates uses `partition`. */
export type RequestContext = {
  accountId: string;
  /** 'aws', 'aws-cn', ... derived from the signing region. */
  partition: string;
  region: string;
  requestId: string;
  caller: Caller;
};

/** AWS's answer when a call that defaults to the calling user is made by a role session or federated user. */
export const NON_USER_CREDENTIALS = 'Must specify userName when calling with non-User credentials';
