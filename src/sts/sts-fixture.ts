import type { PrincipalPolicies, PrincipalRef, RoleTrust } from '../identity/index.ts';
import { ManualClock } from '../shared/index.ts';
import { createSessionTokenCodec } from './session-token.ts';
import type { StsCaller } from './sts-caller.ts';
import type { StsDeps } from './sts-ports.ts';

/** Test world for the STS tests (not a test file itself). Account A: the callers' home account. */
export const A = '111111111111';
/** Account B: the other account, for cross-account cases. */
export const B = '222222222222';
/** The master key every test token is sealed under. */
export const MASTER_KEY = Buffer.alloc(32, 7);
/** alice's MFA device, and the one code the fake verifier accepts for it. */
export const MFA_SERIAL = `arn:aws:iam::${A}:mfa/alice`;
/** The code the fake verifier accepts. */
export const MFA_CODE = '123456';

/** An Allow policy document for `actions` on `resource`. */
export function allow(actions: string | string[], resource = '*', condition?: unknown): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: actions, Resource: resource, ...(condition ? { Condition: condition } : {}) },
    ],
  });
}

/** A Deny policy document. */
export function deny(actions: string | string[], resource = '*'): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Deny', Action: actions, Resource: resource }],
  });
}

/** A trust policy granting `actions` (default AssumeRole) to `principal` (an `AWS` principal value). */
export function trust(
  principal: string | string[],
  actions: string[] = ['sts:AssumeRole'],
  condition?: unknown,
): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: principal },
        Action: actions,
        ...(condition ? { Condition: condition } : {}),
      },
    ],
  });
}

interface RoleSpec {
  trust: string;
  policies?: string[];
  maxSessionDuration?: number;
  tags?: Record<string, string>;
  path?: string;
  id?: string;
}

/** The in-memory world: edit `users`, `roles` and `managed` per test. */
export class StsWorld {
  readonly clock = new ManualClock('2026-11-22T12:00:00Z');
  readonly users = new Map<string, { policies: string[]; tags?: Record<string, string>; boundary?: string }>();
  readonly roles = new Map<string, RoleSpec>();
  readonly managed = new Map<string, string>();
  readonly deps: StsDeps;

  constructor() {
    // The port objects below are plain objects whose methods read this world.
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const world = this;
    this.deps = {
      clock: this.clock,
      tokens: createSessionTokenCodec(MASTER_KEY),
      roles: {
        async getTrustPolicy(accountId: string, roleName: string): Promise<RoleTrust | undefined> {
          const r = world.roles.get(`${accountId}/${roleName.toLowerCase()}`);
          if (r === undefined) return undefined;
          return {
            arn: world.roleArn(accountId, roleName.toLowerCase(), r.path),
            id: r.id ?? `AROA${accountId}${roleName.toUpperCase()}`.slice(0, 21),
            document: r.trust,
            maxSessionDuration: r.maxSessionDuration ?? 3600,
            tags: r.tags ?? {},
          };
        },
      },
      policies: {
        async load(accountId: string, ref: PrincipalRef): Promise<PrincipalPolicies | undefined> {
          if (ref.kind === 'user') {
            const u = world.users.get(`${accountId}/${ref.userName}`);
            if (u === undefined) return undefined;
            return {
              arn: `arn:aws:iam::${accountId}:user/${ref.userName}`,
              id: `AIDA${ref.userName.toUpperCase()}`,
              tags: u.tags ?? {},
              identity: u.policies.map((document, i) => ({ source: 'user-inline' as const, name: `p${i}`, document })),
              ...(u.boundary !== undefined
                ? { boundary: { arn: 'arn:aws:iam::aws:policy/B', document: u.boundary } }
                : {}),
            };
          }
          const r = world.roles.get(`${accountId}/${ref.roleName.toLowerCase()}`);
          if (r === undefined) return undefined;
          return {
            arn: world.roleArn(accountId, ref.roleName, r.path),
            id: r.id ?? `AROA${accountId}${ref.roleName.toUpperCase()}`.slice(0, 21),
            tags: r.tags ?? {},
            identity: (r.policies ?? []).map((document, i) => ({
              source: 'role-inline' as const,
              name: `p${i}`,
              document,
            })),
          };
        },
      },
      managedPolicies: { documentOf: async (arn: string) => world.managed.get(arn) },
      mfa: {
        verify: async (i) =>
          i.serialNumber === MFA_SERIAL && i.tokenCode === MFA_CODE && i.callerArn.endsWith('/alice'),
      },
    };
  }

  roleArn(accountId: string, roleName: string, path = '/'): string {
    return `arn:aws:iam::${accountId}:role${path}${roleName}`;
  }

  /** A long-term user caller (`alice` in A by default). */
  user(name = 'alice', accountId = A): StsCaller {
    return {
      type: 'user',
      accountId,
      partition: 'aws',
      arn: `arn:aws:iam::${accountId}:user/${name}`,
      userId: `AIDA${name.toUpperCase()}`,
      userName: name,
    };
  }

  root(accountId = A): StsCaller {
    return { type: 'root', accountId, partition: 'aws' };
  }

  /** The caller that a set of issued credentials signs as. */
  sessionCaller(credentials: { AccessKeyId: string; SessionToken: string }): StsCaller {
    return {
      type: 'session',
      session: this.deps.tokens.open(credentials.SessionToken, credentials.AccessKeyId, this.clock.now()),
    };
  }
}

/** Runs `fn` and returns the IamError code and message it threw (fails the test when it did not throw). */
export async function failure(fn: () => unknown): Promise<{ code: string; message: string }> {
  try {
    await fn();
  } catch (e) {
    const err = e as { code?: string; message: string };
    return { code: err.code ?? 'not an IamError', message: err.message };
  }
  throw new Error('expected a failure, got success');
}
