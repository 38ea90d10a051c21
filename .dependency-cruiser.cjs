/** The dependency rule of ../shared/ARCHITECTURE.md, one rule per row, plus no cycles. */
const folders = ['policy', 'sigv4', 'shared', 'identity', 'sts', 'authorization', 'store', 'api', 'server', 'cli', 'client', 'service-data'];
const allowed = {
  policy: [],
  sigv4: [],
  shared: [],
  'service-data': [],
  identity: ['policy', 'shared', 'service-data'],
  sts: ['identity', 'policy', 'shared', 'service-data'],
  authorization: ['identity', 'sts', 'policy', 'shared', 'service-data'],
  store: ['identity', 'shared'],
  api: ['authorization', 'identity', 'sts', 'policy', 'sigv4', 'shared', 'service-data'],
  server: folders.filter((f) => f !== 'server' && f !== 'cli'),
  cli: ['server', 'policy', 'shared', 'client', 'service-data'],
  client: ['sigv4', 'shared'],
};
const rules = folders.map((from) => ({
  name: `${from}-imports`,
  comment: `src/${from}/ may import only: ${allowed[from].join(', ') || 'nothing else in src/'}`,
  severity: 'error',
  from: { path: `^src/${from}/` },
  to: { path: `^src/(?!(${[from, ...allowed[from]].join('|')})/)[^/]+/` },
}));
rules.push({
  name: 'doors-only',
  comment: 'another folder is reached only through its index.ts',
  severity: 'error',
  from: { path: '^src/([^/]+)/' },
  to: { path: '^src/([^/]+)/.+', pathNot: ['^src/$1/', '^src/[^/]+/index\\.ts$'] },
});
rules.push({
  name: 'store-only-from-server',
  severity: 'error',
  from: { path: '^src/', pathNot: ['^src/(store|server)/'] },
  to: { path: '^src/store/' },
});
rules.push({ name: 'no-circular', severity: 'error', from: {}, to: { circular: true } });
rules.push({
  name: 'policy-is-pure',
  comment: 'policy/ reads no clock, env, file or network',
  severity: 'error',
  from: { path: '^src/(policy|sigv4|shared)/', pathNot: '\\.test\\.ts$' },
  to: { dependencyTypes: ['core'], path: '^(fs|net|http|https|child_process|os|dgram|dns|worker_threads)$' },
});
module.exports = {
  forbidden: rules,
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.test\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
