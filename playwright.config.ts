import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);
/** The inventory spec imports a whole organization (servers MBX01, CAS01, EDGE01…): it gets its own console and database. */
const INVENTORY_PORT = PORT + 50;

function consoleServer(port: number) {
  return {
    command: "node e2e/serve.mjs",
    url: `http://127.0.0.1:${port}/login`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "pipe" as const,
    stderr: "pipe" as const,
    env: { E2E_PORT: String(port) },
  };
}

/**
 * End-to-end tests in Debian's Chromium against a production build on a fresh, seeded database. Specs share one
 * console and database, in file order; a spec that reshapes the organization runs against a console of its own.
 */
export default defineConfig({
  testDir: "e2e",
  outputDir: "e2e/artifacts/results",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"], ["html", { outputFolder: "e2e/artifacts/report", open: "never" }], ["json", { outputFile: "test-results/playwright.json" }]],
  use: {
    browserName: "chromium",
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  projects: [
    { name: "demo", testIgnore: /inventory\.spec\.ts$/, use: { baseURL: `http://127.0.0.1:${PORT}` } },
    { name: "inventory", testMatch: /inventory\.spec\.ts$/, use: { baseURL: `http://127.0.0.1:${INVENTORY_PORT}` } },
  ],
  webServer: [consoleServer(PORT), consoleServer(INVENTORY_PORT)],
});
