import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);
/** The inventory spec imports a whole organization (servers MBX01, CAS01, EDGE01…): it gets its own console and database. */
const INVENTORY_PORT = PORT + 50;
/**
 * The page tour (accessibility, layout, the status explanations) only reads the freshly seeded demo, for both roles at
 * both sizes: it runs on a console of its own, beside the demo specs.
 */
const TOUR_PORT = PORT + 25;
/** The wizard and list specs (the wizards end to end, deciding before the click, lists, audit) have a console of their own. */
const WIZARDS_PORT = PORT + 75;
const TOUR = /(accessibility|ux-layout|ux-explanations)\.spec\.ts$/;
const INVENTORY = /inventory\.spec\.ts$/;
const WIZARDS = /(ux-audit|ux-decide|ux-lists|ux-wizards|webpki-findings|wizards-[\w-]+)\.spec\.ts$/;

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
 * End-to-end tests in Debian's Chromium against a production build on fresh, seeded databases. Each project's specs
 * share one console and database, in file order, one at a time; the projects run beside each other (three workers,
 * one per project at a time, in lanes of about equal length).
 */
export default defineConfig({
  testDir: "e2e",
  outputDir: "e2e/artifacts/results",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 3,
  retries: 0,
  reporter: [["list"], ["html", { outputFolder: "e2e/artifacts/report", open: "never" }], ["json", { outputFile: "test-results/playwright.json" }]],
  use: {
    browserName: "chromium",
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium-headless-shell",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  projects: [
    { name: "demo", testIgnore: [TOUR, INVENTORY, WIZARDS], workers: 1, use: { baseURL: `http://127.0.0.1:${PORT}` } },
    { name: "wizards", testMatch: WIZARDS, workers: 1, use: { baseURL: `http://127.0.0.1:${WIZARDS_PORT}` } },
    { name: "tour", testMatch: TOUR, workers: 1, use: { baseURL: `http://127.0.0.1:${TOUR_PORT}` } },
    { name: "inventory", testMatch: INVENTORY, workers: 1, use: { baseURL: `http://127.0.0.1:${INVENTORY_PORT}` } },
  ],
  webServer: [consoleServer(PORT), consoleServer(WIZARDS_PORT), consoleServer(TOUR_PORT), consoleServer(INVENTORY_PORT)],
});
