// vitest's globalSetup for suites using the harness (`globalSetup: ['@rapport/core/testing/global-setup']` or its path).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { dropTemplateDatabases, TEMPLATES_ENV } from './index.js';

/**
 * One folder of prepared database dumps for the whole run (see `openPreparedEmbedded`): the workers,
 * forked after this runs, inherit its path; it and the run's PostgreSQL templates go when the run ends.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'rapport-test-templates-'));
  process.env[TEMPLATES_ENV] = folder;
  return async () => {
    await rm(folder, { recursive: true, force: true });
    await dropTemplateDatabases(path.basename(folder));
  };
}
