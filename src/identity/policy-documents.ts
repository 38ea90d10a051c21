/** Managed policy ARN → its default version's document; what STS resolves session `PolicyArns` with. */
export interface ManagedPolicyDocuments {
  /** The JSON document, or undefined when no such policy exists. Served from memory after the first read. */
  documentOf(policyArn: string): Promise<string | undefined>;
}
