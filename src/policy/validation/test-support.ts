import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PolicyKind } from '../document/types.ts';
import type { ActionCatalog } from './action-catalog.ts';
import { FINDING_CODES } from './finding-codes.ts';
import { validatePolicy } from './validate-policy.ts';

/** Shared by the validation test files: policy builders, a tiny catalog and the table runner. */

type Json = Record<string, unknown>;
/** The current policy language version. */
export const V = '2012-10-17';
/** A one-statement policy, pretty-printed so findings have distinct lines. */
export const stmt = (s: Json) => JSON.stringify({ Version: V, Statement: [s] }, null, 2);
/** An identity-policy Allow statement, with overrides. */
export const allow = (extra: Json = {}) => ({
  Effect: 'Allow',
  Action: 's3:GetObject',
  Resource: 'arn:aws:s3:::b/*',
  ...extra,
});
/** A trust-policy statement, with overrides. */
export const trust = (extra: Json = {}) => ({
  Effect: 'Allow',
  Principal: { AWS: 'arn:aws:iam::111111111111:root' },
  Action: 'sts:AssumeRole',
  ...extra,
});

/** A tiny catalog: s3 (GetObject, PutObject, ListAllMyBuckets), sts, and a few keys. */
export const catalog: ActionCatalog = {
  hasService: (p) => ['s3', 'sts', 'iam'].includes(p.toLowerCase()),
  hasAction: (a) =>
    ['s3:getobject', 's3:putobject', 's3:listallmybuckets', 'sts:assumerole', 'iam:passrole'].includes(a.toLowerCase()),
  matchActions: (p) => {
    const re = new RegExp(`^${p.replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
    return ['s3:GetObject', 's3:PutObject', 's3:ListAllMyBuckets'].filter((a) => re.test(a));
  },
  conditionKeyKnown: (k) => k.toLowerCase().startsWith('aws:') || k.toLowerCase() === 's3:prefix',
  conditionKeyType: (k) => (k.toLowerCase() === 's3:prefix' ? 'String' : undefined),
  supportsRcp: (p) => ['s3', 'sts'].includes(p.toLowerCase()),
  resourceArnFormats: (a) =>
    ({ 's3:getobject': [`arn:\${Partition}:s3:::\${BucketName}/\${ObjectName}`], 's3:listallmybuckets': [] })[
      a.toLowerCase()
    ],
};

/** One table row: a policy, its kind, and the finding codes it must produce. */
export interface Case {
  readonly name: string;
  readonly kind: PolicyKind;
  readonly policy: string;
  /** Codes that must be found (exactly this set, when `exact`). */
  readonly codes: readonly string[];
  readonly exact?: boolean;
  readonly withCatalog?: boolean;
}

/**
 * Runs a table of cases: each must produce its codes (exactly, when `exact`), and every finding must have a code
 * documented in FINDING_CODES with the same severity, and a line and column.
 */
export function runCases(title: string, cases: readonly Case[]): void {
  describe(title, () => {
    for (const c of cases) {
      it(c.name, () => {
        const findings = validatePolicy(c.policy, { kind: c.kind, ...(c.withCatalog ? { catalog } : {}) });
        const codes = [...new Set(findings.map((f) => f.code))].sort();
        if (c.exact) assert.deepEqual(codes, [...c.codes].sort(), JSON.stringify(findings, null, 1));
        else for (const code of c.codes) assert.ok(codes.includes(code), `${code} missing from ${codes.join(', ')}`);
        for (const f of validatePolicy(c.policy, { kind: c.kind, catalog })) {
          const info = FINDING_CODES[f.code];
          assert.ok(info, `${f.code} is not in FINDING_CODES`);
          assert.equal(f.severity, info.severity, f.code);
          assert.ok(f.line !== undefined && f.column !== undefined, `${f.code} has no location`);
        }
      });
    }
  });
}
