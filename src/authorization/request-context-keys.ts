import type { ActionInfo, ResourceTypeInfo } from '../service-data/index.ts';
import type { AuthorizationInput } from './resource-target.ts';

/** A request context as the engine takes it: key → value, arrays for multivalued keys. */
export type ContextEntries = Record<string, string | string[]>;

/** A session's facts (temporary credentials only): none yet, role sessions and MFA come with STS. */
export interface SessionFacts {
  readonly tokenIssueTime: Date;
  /** When MFA was used to get the session; absent when it was not. */
  readonly mfaAuthenticatedAt?: Date;
}

/** Everything the request and environment keys are derived from. */
export interface ContextSources {
  readonly info: ActionInfo | undefined;
  readonly resourceType: ResourceTypeInfo | undefined;
  readonly input: AuthorizationInput;
  readonly now: Date;
  readonly region: string;
  readonly secure: boolean;
  /** The client's address; absent when unknown. */
  readonly sourceIp?: string;
  readonly session?: SessionFacts;
  /** Tags of the existing resource the action acts on. */
  readonly resourceTags?: Readonly<Record<string, string>>;
  /** The permissions boundary the target user or role already has (for `iam:PermissionsBoundary`). */
  readonly targetBoundaryArn?: string;
}

let lastSecond = Number.NaN;
let lastIso = '';
let lastEpoch = '';

/** AWS writes times in the request context as ISO 8601 UTC with whole seconds (memoised: one format per second). */
function isoSeconds(date: Date): string {
  const second = Math.floor(date.getTime() / 1000);
  if (second !== lastSecond) {
    lastSecond = second;
    lastIso = `${date.toISOString().slice(0, 19)}Z`;
    lastEpoch = String(second);
  }
  return lastIso;
}

const NONE: ReadonlySet<string> = new Set();
const lowered = new WeakMap<object, ReadonlySet<string>>();

/**
 * The condition keys an action or resource type of the authorization data lists, lower-cased, computed once per
 * catalog entry (the entries are long-lived; every request used to lower-case every key).
 */
export function listedKeys(entry: { readonly conditionKeys: readonly string[] } | undefined): ReadonlySet<string> {
  if (entry === undefined) return NONE;
  let keys = lowered.get(entry);
  if (keys === undefined) {
    keys = new Set(entry.conditionKeys.map((k) => k.toLowerCase()));
    lowered.set(entry, keys);
  }
  return keys;
}

function tagsOf(value: unknown): { key: string; value: string }[] {
  if (!Array.isArray(value)) return [];
  const out: { key: string; value: string }[] = [];
  for (const t of value) {
    if (typeof t !== 'object' || t === null) continue;
    const { Key, Value } = t as { Key?: unknown; Value?: unknown };
    if (typeof Key === 'string') out.push({ key: Key, value: typeof Value === 'string' ? Value : '' });
  }
  return out;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function text(input: AuthorizationInput, key: string): string | undefined {
  const v = input[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/**
 * The request and environment keys AWS supplies for a call (principal keys are derived by the engine):
 * time, transport, region and source IP always; session keys only for temporary credentials; tag, boundary,
 * policy and service keys only for actions whose authorization data lists them, from the decoded input.
 */
export function requestContextKeys(s: ContextSources): ContextEntries {
  const keys: ContextEntries = {
    'aws:CurrentTime': isoSeconds(s.now),
    'aws:EpochTime': lastEpoch,
    'aws:SecureTransport': s.secure ? 'true' : 'false',
    'aws:RequestedRegion': s.region,
    'aws:ViaAWSService': 'false',
  };
  if (s.sourceIp !== undefined) keys['aws:SourceIp'] = s.sourceIp;
  if (s.session !== undefined) {
    keys['aws:TokenIssueTime'] = isoSeconds(s.session.tokenIssueTime);
    const mfa = s.session.mfaAuthenticatedAt;
    keys['aws:MultiFactorAuthPresent'] = mfa === undefined ? 'false' : 'true';
    if (mfa !== undefined) {
      keys['aws:MultiFactorAuthAge'] = String(Math.max(0, Math.floor((s.now.getTime() - mfa.getTime()) / 1000)));
    }
  }
  const listed = listedKeys(s.info);
  const input = s.input;
  if (listed.has('aws:requesttag/${tagkey}')) {
    for (const t of tagsOf(input['Tags'])) keys[`aws:RequestTag/${t.key}`] = t.value;
  }
  if (listed.has('aws:tagkeys')) {
    const tagKeys =
      input['TagKeys'] !== undefined ? strings(input['TagKeys']) : tagsOf(input['Tags']).map((t) => t.key);
    if (input['TagKeys'] !== undefined || input['Tags'] !== undefined) keys['aws:TagKeys'] = tagKeys;
  }
  if (listed.has('iam:permissionsboundary')) {
    const boundary = text(input, 'PermissionsBoundary') ?? s.targetBoundaryArn;
    if (boundary !== undefined) keys['iam:PermissionsBoundary'] = boundary;
  }
  const policyArn = text(input, 'PolicyArn');
  if (listed.has('iam:policyarn') && policyArn !== undefined) keys['iam:PolicyARN'] = policyArn;
  const serviceName = text(input, 'AWSServiceName');
  if (listed.has('iam:awsservicename') && serviceName !== undefined) keys['iam:AWSServiceName'] = serviceName;
  const passedTo = text(input, 'PassedToService');
  if (listed.has('iam:passedtoservice') && passedTo !== undefined) keys['iam:PassedToService'] = passedTo;
  if (s.resourceTags !== undefined) Object.assign(keys, resourceTagKeys(s.info, s.resourceType, s.resourceTags));
  return keys;
}

/**
 * `aws:ResourceTag/K` and `iam:ResourceTag/K` for an existing resource's tags, each only where the authorization
 * data lists it: on the resource type (iam) or on the action itself (sts:AssumeRole).
 */
export function resourceTagKeys(
  info: ActionInfo | undefined,
  resourceType: ResourceTypeInfo | undefined,
  tags: Readonly<Record<string, string>>,
): ContextEntries {
  const onType = listedKeys(resourceType);
  const onAction = listedKeys(info);
  const aws = onType.has('aws:resourcetag/${tagkey}') || onAction.has('aws:resourcetag/${tagkey}');
  const iam = onType.has('iam:resourcetag/${tagkey}') || onAction.has('iam:resourcetag/${tagkey}');
  const keys: ContextEntries = {};
  for (const [k, v] of Object.entries(tags)) {
    if (aws) keys[`aws:ResourceTag/${k}`] = v;
    if (iam) keys[`iam:ResourceTag/${k}`] = v;
  }
  return keys;
}
