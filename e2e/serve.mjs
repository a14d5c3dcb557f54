// Starts the console for the end-to-end tests: a fresh database and master key under e2e/.data, the
// demo organization seeded, known passwords, then `next start` on E2E_PORT on every interface (the demo's
// "CRL behind the proxy" scenario publishes on 127.0.0.2) with `npm start`'s server settings; a prior `next build` is
// required.
import { spawnSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { E2E_ACCOUNTS } from "./accounts.mjs";
import { nextStartArgs } from "../scripts/next-start-args.mjs";

const require = createRequire(import.meta.url);
const dataDir = path.resolve(`e2e/.data/${process.env.E2E_PORT ?? "3100"}`);
fs.rmSync(dataDir, { recursive: true, force: true });
fs.mkdirSync(dataDir, { recursive: true });
const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  CERTCONSOLE_DB: path.join(dataDir, "e2e.db"),
  CERTCONSOLE_MASTER_KEY_FILE: path.join(dataDir, "master.key"),
  CERTCONSOLE_ADMIN_PASSWORD: E2E_ACCOUNTS.admin.password,
  CERTCONSOLE_HELPDESK_PASSWORD: E2E_ACCOUNTS.helpdesk.password,
  PORT: process.env.E2E_PORT ?? "3100",
  CERTCONSOLE_LAB_URL: `http://127.0.0.1:${process.env.E2E_PORT ?? "3100"}`,
};
const boot = spawnSync(process.execPath, [require.resolve("tsx/cli"), "scripts/bootstrap.ts"], { env, stdio: "inherit" });
if (boot.status !== 0) process.exit(boot.status ?? 1);
const server = spawn(process.execPath, [require.resolve("next/dist/bin/next"), ...nextStartArgs(process.env.E2E_PORT ?? "3100")], { env, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
