/** Who is calling: a tagged union so role sessions and federated users can join later. */
export type Caller =
  | { type: 'root'; accountId: string; arn: string /** = accountId */; userId: string }
  | { type: 'user'; accountId: string; arn: string; userId: string; userName: string; path: string };

/** What every operation receives from the API layer. Every ARN a request creates uses `partition`. */
export type RequestContext = {
  accountId: string;
  /** 'aws', 'aws-cn', ... derived from the signing region. */
  partition: string;
  region: string;
  requestId: string;
  caller: Caller;
};
