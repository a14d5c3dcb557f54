// Makes the README's tour images from the end-to-end screenshots (e2e/artifacts/screenshots/, written by
// e2e/accessibility.spec.ts): each scaled to 960 px wide and cut to its first screen, so that each PNG stays small.
// Usage: npx playwright test e2e/accessibility.spec.ts && node scripts/docs-tour.mjs
import fs from "node:fs";
import { chromium } from "@playwright/test";

const TOUR = [
  ["dashboard-admin-1366x768", "tour-1-dashboard"],
  ["certificate-general-helpdesk-1366x768", "tour-2-status-explained"],
  ["assign-admin-1366x768", "tour-3-assign"],
  ["audit-admin-1366x768", "tour-4-audit"],
  ["settings-helpdesk-1366x768", "tour-5-settings-helpdesk"],
];
const WIDTH = 960;
const HEIGHT = 540; // 1366×768 scaled to 960 px

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium-headless-shell", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
const page = await browser.newPage({ viewport: { width: WIDTH, height: HEIGHT } });
for (const [source, target] of TOUR) {
  const png = fs.readFileSync(`e2e/artifacts/screenshots/${source}.png`).toString("base64");
  await page.setContent(`<html><body style="margin:0"><img style="display:block;width:${WIDTH}px" src="data:image/png;base64,${png}"></body></html>`);
  await page.screenshot({ path: `docs/${target}.png`, clip: { x: 0, y: 0, width: WIDTH, height: HEIGHT } });
  console.log(`docs/${target}.png ${fs.statSync(`docs/${target}.png`).size} bytes`);
}
await browser.close();
