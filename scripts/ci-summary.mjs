#!/usr/bin/env node
// The last line of .ci/run, from vitest's JSON report: `N passed, N failed, N skipped`, honest about
// how files fail. vitest marks the tests of a file whose beforeAll threw as skipped, counts a file that
// failed to import or to tear down as no failed test, and says `success: false` for all of them; here
// each of those is a failure. Exits 1 unless the run succeeded with at least one test passed.
import { existsSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** @param {{ success: boolean, testResults: Array<{ status: string, assertionResults: Array<{ status: string }> }> }} report */
export function summarize(report) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const file of report.testResults) {
    const tests = file.assertionResults;
    const passedHere = tests.filter((t) => t.status === 'passed').length;
    passed += passedHere;
    if (file.status === 'failed') {
      // Whatever did not pass in a failed file failed; a file failing with every test passed (a
      // teardown error) or with none collected (an import error) is one failure itself.
      const notPassed = tests.length - passedHere;
      failed += notPassed > 0 ? notPassed : 1;
    } else {
      failed += tests.filter((t) => t.status === 'failed').length;
      skipped += tests.filter((t) => t.status !== 'passed' && t.status !== 'failed').length;
    }
  }
  // Anything else vitest counted against the run (an unhandled error between tests) is one more.
  if (!report.success && failed === 0) failed = 1;
  return { passed, failed, skipped, ok: report.success && failed === 0 && passed > 0 };
}

export function summaryLine({ passed, failed, skipped }) {
  return `${passed} passed, ${failed} failed, ${skipped} skipped`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const file = process.argv[2] ?? '.vitest-results.json';
  if (!existsSync(file)) {
    console.log(summaryLine({ passed: 0, failed: 1, skipped: 0 }));
    process.exit(1);
  }
  const summary = summarize(JSON.parse(readFileSync(file, 'utf8')));
  console.log(summaryLine(summary));
  process.exit(summary.ok ? 0 : 1);
}
