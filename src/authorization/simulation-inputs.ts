import type { PrincipalPolicies } from '../identity/index.ts';
import { type PolicyKind, parsePolicy, type RequestPrincipal } from '../policy/index.ts';
import { IamError } from '../shared/index.ts';
import type { ContextEntry, PolicySourceType, SimulationRequest } from './simulation-types.ts';

/** A policy taking part in a simulation, with how AWS names its source. */
export interface SimulationSource {
  readonly type: PolicySourceType;
  readonly id: string;
  readonly document: string;
}

export const SOURCE_ARN = /^arn:[^:]+:iam::(\d{12}):(user|role|group)\/(?:.*\/)?([^/]+)$/;
const CONTEXT_TYPES = new Set(['string', 'numeric', 'boolean', 'ip', 'binary', 'date'].flatMap((t) => [t, `${t}List`]));
const DEFAULT_MAX_ITEMS = 100;
export const SIMULATED_SESSION = 'iamd-simulation';

/** The sources of a loaded principal's policies, as the simulator reports them. */
export function sourcesOf(policies: PrincipalPolicies): SimulationSource[] {
  return policies.identity.map((p) => ({
    type:
      p.source === 'user-inline'
        ? 'user'
        : p.source === 'group-inline'
          ? 'group'
          : p.source === 'role-inline'
            ? 'role'
            : managedType(p.arn),
    id: p.name,
    document: p.document,
  }));
}

export function managedType(arn: string | undefined): PolicySourceType {
  return arn !== undefined && /^arn:[^:]+:iam::aws:policy\//.test(arn) ? 'aws-managed' : 'user-managed';
}

/** Checks a policy a caller passed in; AWS answers MalformedPolicyDocument with the parser's message. */
export function checkInputPolicy(document: string, kind: PolicyKind): void {
  const parsed = parsePolicy(document, { kind });
  if (!parsed.ok) throw new IamError('MalformedPolicyDocument', parsed.malformedMessage);
}

export function inputSources(list: readonly string[] | undefined): SimulationSource[] {
  return (list ?? []).map((document, i) => {
    checkInputPolicy(document, 'identity');
    return { type: 'none', id: `PolicyInputList.${i + 1}`, document };
  });
}

export function boundaryInput(input: SimulationRequest): SimulationSource | undefined {
  const list = input.PermissionsBoundaryPolicyInputList ?? [];
  if (list.length > 1) {
    throw new IamError(
      'ValidationError',
      "1 validation error detected: Value at 'permissionsBoundaryPolicyInputList' failed to satisfy constraint: Member must have length less than or equal to 1",
    );
  }
  if (list[0] === undefined) return undefined;
  checkInputPolicy(list[0], 'boundary');
  return { type: 'none', id: 'PermissionsBoundaryPolicyInputList.1', document: list[0] };
}

/** CallerArn must be an IAM user: it becomes the principal a resource policy's Principal element is matched against. */
export function callerPrincipal(arn: string, fallback: RequestPrincipal): RequestPrincipal {
  const m = SOURCE_ARN.exec(arn);
  if (m === null || m[2] !== 'user')
    throw new IamError('InvalidInput', `Invalid CallerArn: ${arn}; it must be the ARN of an IAM user.`);
  // The caller is only who a resource policy's Principal is matched against; the policies stay the source's.
  return { type: 'user', arn, accountId: m[1]!, ...(fallback.tags !== undefined ? { tags: fallback.tags } : {}) };
}

export function contextOf(entries: readonly ContextEntry[] | undefined): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const e of entries ?? []) {
    if (e.ContextKeyName === undefined || e.ContextKeyName === '') {
      throw new IamError('InvalidInput', 'Each ContextEntries member must have a ContextKeyName.');
    }
    const type = e.ContextKeyType ?? 'string';
    if (!CONTEXT_TYPES.has(type)) throw new IamError('InvalidInput', `Invalid ContextKeyType: ${type}`);
    const values = [...(e.ContextKeyValues ?? [])];
    out[e.ContextKeyName] = type.endsWith('List') || values.length !== 1 ? values : values[0]!;
  }
  return out;
}

export function pageOf(input: SimulationRequest, total: number): { from: number; to: number } {
  const max = input.MaxItems ?? DEFAULT_MAX_ITEMS;
  if (!Number.isInteger(max) || max < 1 || max > 1000) {
    throw new IamError(
      'ValidationError',
      `1 validation error detected: Value '${max}' at 'maxItems' failed to satisfy constraint: Member must have value ${max < 1 ? 'greater than or equal to 1' : 'less than or equal to 1000'}`,
    );
  }
  let from = 0;
  if (input.Marker !== undefined) {
    const decoded = /^sim:(\d{1,9})$/.exec(Buffer.from(input.Marker, 'base64url').toString('utf8'));
    if (decoded === null || Number(decoded[1]) > total) throw new IamError('InvalidInput', 'Invalid Marker.');
    from = Number(decoded[1]);
  }
  return { from, to: Math.min(total, from + max) };
}
