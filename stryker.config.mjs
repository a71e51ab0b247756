// Mutation testing of the row rules and alert rules (npm run test:mutation; not part of npm test).
// One module at a time: npm run test:mutation -- --mutate packages/core/src/customers/rules.ts
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  // related: only the listed unit tests that import the mutated module run against its mutants.
  vitest: { configFile: 'vitest.mutation.config.ts', related: true },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: [
    'packages/core/src/auth/visibility.ts',
    'packages/core/src/auth/visibility-sql.ts',
    'packages/core/src/customers/rules.ts',
    'packages/core/src/customers/pool.ts',
    'packages/core/src/alerts/scheduler.ts',
    'packages/plugins/service/src/sla.ts',
  ],
  coverageAnalysis: 'perTest',
  // Two cores shared with others: one test process.
  concurrency: 1,
  timeoutMS: 30_000,
  // The first run (coverage per test) starts embedded databases; generous on a busy machine.
  dryRunTimeoutMinutes: 30,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
