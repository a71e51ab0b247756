// .ci/run's last line (scripts/ci-summary.mjs) over real vitest JSON reports: a beforeAll that throws,
// a teardown error and an import failure each print as failed; a clean run prints its skips.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));
const cases = fileURLToPath(new URL('./fixtures/ci-summary/', import.meta.url));
const summary = path.join(root, 'scripts/ci-summary.mjs');
const vitest = path.join(root, 'node_modules/vitest/vitest.mjs');

/** Runs vitest on the case files matching `pattern`, then the summary script on its JSON report. */
async function summarizeCases(pattern: string, dir: string) {
  const report = path.join(dir, `${pattern.replace(/\W/g, '_')}.json`);
  await run(process.execPath, [vitest, 'run', '--root', cases, '--reporter=json', `--outputFile=${report}`], {
    env: { ...process.env, CI_SUMMARY_CASES: pattern },
  }).catch(() => undefined); // vitest exits 1 on the failing cases; the report is what matters
  const parsed = JSON.parse(await readFile(report, 'utf8'));
  const { stdout, code } = await run(process.execPath, [summary, report]).then(
    (r) => ({ stdout: r.stdout, code: 0 }),
    (e: { stdout: string; code: number }) => ({ stdout: e.stdout, code: e.code }),
  );
  return { line: stdout.trim(), code, success: parsed.success as boolean };
}

describe('the CI summary line', () => {
  const dirs: string[] = [];
  const scratch = async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ci-summary-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

  it('counts the tests of a suite whose beforeAll threw as failed, not skipped', async () => {
    expect(await summarizeCases('before-all-throws.case.ts', await scratch())).toEqual({ line: '0 passed, 2 failed, 0 skipped', code: 1, success: false });
  });

  it('counts a teardown error and an import failure as one failure each', async () => {
    const dir = await scratch();
    expect(await summarizeCases('teardown-throws.case.ts', dir)).toEqual({ line: '1 passed, 1 failed, 0 skipped', code: 1, success: false });
    expect(await summarizeCases('import-fails.case.ts', dir)).toEqual({ line: '0 passed, 1 failed, 0 skipped', code: 1, success: false });
  });

  it('prints a clean run with its skipped tests, and exits 0', async () => {
    expect(await summarizeCases('passes.case.ts', await scratch())).toEqual({ line: '1 passed, 0 failed, 2 skipped', code: 0, success: true });
  });

  it('adds up all of them in one run', async () => {
    expect(await summarizeCases('*.case.ts', await scratch())).toEqual({ line: '2 passed, 4 failed, 2 skipped', code: 1, success: false });
  });
});
