// Prints the test totals of `npm test` as plain closing lines ("unit: N passed, N failed") from the JSON
// reports vitest and Playwright wrote, so CI logs state what ran.
import fs from "node:fs";

function read(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

const unit = read("test-results/vitest.json");
const postgresql = read("test-results/vitest-postgresql.json");
const e2e = read("test-results/playwright.json");
let failed = 0;
if (unit) {
  console.log(`unit: ${unit.numPassedTests} passed, ${unit.numFailedTests} failed`);
  failed += unit.numFailedTests;
}
if (postgresql) {
  console.log(`postgresql: ${postgresql.numPassedTests} passed, ${postgresql.numFailedTests} failed`);
  failed += postgresql.numFailedTests;
}
if (e2e) {
  const { expected = 0, unexpected = 0, flaky = 0 } = e2e.stats ?? {};
  console.log(`e2e: ${expected + flaky} passed, ${unexpected} failed`);
  failed += unexpected;
}
const passed = (unit?.numPassedTests ?? 0) + (postgresql?.numPassedTests ?? 0) + (e2e ? (e2e.stats?.expected ?? 0) + (e2e.stats?.flaky ?? 0) : 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || !unit || !postgresql || !e2e ? 1 : 0);
