/**
 * What validation may ask about AWS services. policy/ is pure, so callers (cli, server) build one from
 * service-data and inject it; without one, the checks that need service knowledge are skipped.
 */
export interface ActionCatalog {
  /** Whether a service prefix (`s3`, `iam`) exists; case-insensitive. */
  hasService(prefix: string): boolean;
  /** Whether `service:Action` exists; case-insensitive. */
  hasAction(action: string): boolean;
  /** The known actions (`service:Action`) matched by a pattern with `*`/`?` wildcards in the action name. */
  matchActions(pattern: string): readonly string[];
  /** Whether a condition key is known (global, service-specific, or a pattern such as `aws:ResourceTag/x`). */
  conditionKeyKnown(key: string): boolean;
  /** The key's type as AWS names it (`String`, `ArrayOfString`, `Bool`, `Date`, `Numeric`, `ARN`, `IPAddress`...). */
  conditionKeyType(key: string): string | undefined;
  /** Whether resource control policies support the service. */
  supportsRcp(prefix: string): boolean;
  /**
   * The ARN formats (`arn:${Partition}:s3:::${BucketName}/${ObjectName}`) of the resource types an exact action
   * acts on; `[]` for an action without resource-level permissions; undefined when unknown. Optional: without
   * it, Action/Resource compatibility is not checked.
   */
  resourceArnFormats?(action: string): readonly string[] | undefined;
}

/** One action of iamd's own service (prefix `iamd`), used by the authorize API. */
export interface IamdAction {
  readonly name: string;
  readonly description: string;
  readonly accessLevel: 'Read' | 'Write' | 'List';
}

/** iamd's own actions: always known to validation, with or without a catalog. */
export const IAMD_ACTIONS: readonly IamdAction[] = [
  {
    name: 'Authorize',
    description: 'Ask iamd for an authorization decision on behalf of another principal (the authorize API)',
    accessLevel: 'Read',
  },
  {
    name: 'GetSecurityStatus',
    description: "Read the caller's account security checklist (`iamd security status`, /v1/security/status)",
    accessLevel: 'Read',
  },
];

/** Service prefix of iamd's own actions. */
export const IAMD_SERVICE_PREFIX = 'iamd';

/**
 * Types of the global keys that matter to validation without a catalog (GKEYS page). Multivalued keys are the
 * `ArrayOf...` ones; the rest are single-valued.
 */
export const BUILT_IN_KEY_TYPES: Readonly<Record<string, string>> = {
  'aws:calledvia': 'ArrayOfString',
  'aws:calledviafirst': 'String',
  'aws:calledvialast': 'String',
  'aws:currenttime': 'Date',
  'aws:epochtime': 'Date',
  'aws:federatedprovider': 'String',
  'aws:multifactorauthage': 'Numeric',
  'aws:multifactorauthpresent': 'Bool',
  'aws:principalaccount': 'String',
  'aws:principalarn': 'ARN',
  'aws:principalisawsservice': 'Bool',
  'aws:principalorgid': 'String',
  'aws:principalorgpaths': 'ArrayOfString',
  'aws:principalservicename': 'String',
  'aws:principalservicenameslist': 'ArrayOfString',
  'aws:principaltype': 'String',
  'aws:referer': 'String',
  'aws:requestedregion': 'String',
  'aws:resourceaccount': 'String',
  'aws:resourceorgid': 'String',
  'aws:resourceorgpaths': 'ArrayOfString',
  'aws:securetransport': 'Bool',
  'aws:sourceaccount': 'String',
  'aws:sourcearn': 'ARN',
  'aws:sourceidentity': 'String',
  'aws:sourceip': 'IPAddress',
  'aws:sourceorgid': 'String',
  'aws:sourceorgpaths': 'ArrayOfString',
  'aws:sourcevpc': 'String',
  'aws:sourcevpce': 'String',
  'aws:tagkeys': 'ArrayOfString',
  'aws:tokenissuetime': 'Date',
  'aws:useragent': 'String',
  'aws:userid': 'String',
  'aws:username': 'String',
  'aws:viaawsservice': 'Bool',
  'aws:vpcsourceip': 'IPAddress',
  'aws:vpceaccount': 'String',
  'aws:vpceorgid': 'String',
  'aws:vpceorgpaths': 'ArrayOfString',
};

const TAG_KEY_PREFIXES = ['aws:principaltag/', 'aws:requesttag/', 'aws:resourcetag/'];

/** The type of a condition key: the catalog's answer first, then the built-in global table. */
export function conditionKeyType(key: string, catalog: ActionCatalog | undefined): string | undefined {
  const fromCatalog = catalog?.conditionKeyType(key);
  if (fromCatalog) return fromCatalog;
  const lower = key.toLowerCase();
  if (TAG_KEY_PREFIXES.some((p) => lower.startsWith(p) && lower.length > p.length)) return 'String';
  return BUILT_IN_KEY_TYPES[lower];
}

/** Whether a key type is multivalued (`ArrayOfString`, `ArrayOfARN`, ...). */
export function isMultivaluedType(type: string | undefined): boolean {
  return type?.startsWith('ArrayOf') ?? false;
}
