/** How much an action grants, as the AWS Service Authorization Reference classifies it. */
export type AccessLevel = 'Read' | 'Write' | 'List' | 'Tagging' | 'Permissions management';

/** A resource type an action acts on. */
export interface ActionResourceType {
  /** The resource type key, e.g. `user` for `iam:CreateUser`. */
  readonly resourceType: string;
  readonly required: boolean;
  /** ARN format with `${Partition}`-style placeholders; undefined when the data has no such resource type. */
  readonly arnFormat: string | undefined;
  readonly conditionKeys: readonly string[];
}

/** One action of one service. */
export interface ActionInfo {
  /** `service:ActionName`, in the data's case. */
  readonly action: string;
  readonly service: string;
  readonly name: string;
  readonly description: string;
  readonly accessLevel: AccessLevel;
  readonly resourceTypes: readonly ActionResourceType[];
  /** Condition keys that apply to the action whatever the resource. */
  readonly conditionKeys: readonly string[];
  readonly dependentActions: readonly string[];
  /** The action has no resource-level permissions: it is requested against `*`. */
  readonly wildcardOnly: boolean;
}

/** One resource type of a service. */
export interface ResourceTypeInfo {
  readonly service: string;
  readonly key: string;
  readonly arnFormat: string;
  readonly conditionKeys: readonly string[];
}

/** A condition key: global (`aws:`) or a service's own. */
export interface ConditionKeyInfo {
  /** The key as the data writes it; templated keys keep their placeholder (`aws:ResourceTag/${TagKey}`). */
  readonly key: string;
  /** `String`, `ArrayOfString`, `ARN`, `ArrayOfARN`, `Bool`, `ArrayOfBool`, `Date`, `Numeric`, `IPAddress`. */
  readonly type: string;
  readonly description: string;
  readonly global: boolean;
}

/** One service's data, indexed by lower-case name. */
export interface LoadedService {
  readonly actions: ReadonlyMap<string, ActionInfo>;
  readonly resourceTypes: ReadonlyMap<string, ResourceTypeInfo>;
  readonly conditionKeys: ReadonlyMap<string, ConditionKeyInfo>;
  /** Templated keys such as `s3:ExistingObjectTag/${TagKey}`, matched by pattern. */
  readonly keyTemplates: readonly { readonly pattern: RegExp; readonly info: ConditionKeyInfo }[];
}
