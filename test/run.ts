// `npm test`: runs vitest, then prints the plain summary line CI reads
// ("tests: N passed, N failed") and fails when anything failed or nothing ran.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const report = "test-results/vitest.json";
mkdirSync("test-results", { recursive: true });
rmSync(report, { force: true });
// the tests' fixture sites, and what their builds and browsers write there, go in one folder per
// run, deleted at the end (never deleted before: 3.7 GB piled up in a morning); KEEP_TEST_FILES=1 keeps it
const scratch = mkdtempSync(path.join(tmpdir(), "newsroom-test-run-"));
const vitest = spawnSync(
  process.execPath,
  ["node_modules/vitest/vitest.mjs", "run", "--testTimeout=120000", "--hookTimeout=120000", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...process.argv.slice(2)],
  { stdio: "inherit", env: { ...process.env, TZ: process.env.TZ ?? "UTC", TMPDIR: scratch } },
);
if (process.env.KEEP_TEST_FILES === "1") console.log(`The tests' files are kept in ${scratch}`);
else {
  try {
    // a build's survey or deleter may still be writing there for a moment after its test ended
    rmSync(scratch, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  } catch (error) {
    console.error(`Could not delete the tests' files in ${scratch}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

let passed = 0;
let failed = 0;
try {
  const results = JSON.parse(readFileSync(report, "utf8")) as {
    numPassedTests: number;
    numFailedTests: number;
    testResults: { status: string; assertionResults: unknown[] }[];
  };
  passed = results.numPassedTests;
  // a test file that fails to load has no test results of its own: count it as one failure
  const brokenFiles = results.testResults.filter((file) => file.status === "failed" && file.assertionResults.length === 0).length;
  failed = results.numFailedTests + brokenFiles;
} catch {
  failed = 1; // no report: vitest itself crashed
}
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exitCode = vitest.status !== 0 || failed > 0 || passed === 0 ? 1 : 0;
