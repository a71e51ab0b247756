import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

// The unit tests of the rules that decide who sees what and what fires: what `npm run test:mutation`
// (StrykerJS) runs against each mutant. Fast ones only; the GraphQL suites are for `npm test`.
// Spread, not mergeConfig: mergeConfig would add these to the base include list, not replace it.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: [
      'packages/core/src/auth/visibility.test.ts',
      'packages/core/src/customers/rules.test.ts',
      'packages/core/src/customers/pool.test.ts',
      'packages/core/src/alerts/scheduler.test.ts',
      'packages/plugins/service/src/sla.test.ts',
    ],
    maxWorkers: 1,
  },
});
