#!/usr/bin/env node
// `npm start`: prepare the database (migrate, first-start accounts, demo organization), build the web
// application when its sources are newer than the last build, then serve it on PORT (default 3000).
import { spawnSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

process.env.NEXT_TELEMETRY_DISABLED = "1";
const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
process.chdir(root);

function run(args, label) {
  const result = spawnSync(process.execPath, args, { stdio: "inherit", env: process.env });
  if (result.status !== 0) {
    console.error(`certconsole: ${label} failed (exit ${result.status}).`);
    process.exit(result.status ?? 1);
  }
}

const tsxCli = require.resolve("tsx/cli");
const nextCli = require.resolve("next/dist/bin/next");

run([tsxCli, "scripts/bootstrap.ts"], "database preparation");

function newestSourceTime(dirs) {
  let newest = 0;
  const walk = (dir) => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  };
  dirs.forEach(walk);
  for (const f of ["package.json", "next.config.ts", "postcss.config.mjs"]) if (fs.existsSync(f)) newest = Math.max(newest, fs.statSync(f).mtimeMs);
  return newest;
}

const dev = process.argv.includes("--dev");
if (!dev) {
  const buildId = path.join(".next", "BUILD_ID");
  const stale = !fs.existsSync(buildId) || newestSourceTime(["app", "components", "lib", "public"]) > fs.statSync(buildId).mtimeMs;
  if (stale || process.argv.includes("--rebuild")) run([nextCli, "build"], "next build");
}

const port = process.env.PORT ?? "3000";
const server = spawn(process.execPath, [nextCli, dev ? "dev" : "start", "-p", port, ...(process.env.HOSTNAME ? ["-H", process.env.HOSTNAME] : [])], {
  stdio: "inherit",
  env: process.env,
});
console.log(`certconsole: starting on http://localhost:${port}`);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
