#!/usr/bin/env node
// `npm start`: prepare the database (migrate, first-start accounts, demo organization), build the web
// application when its sources are newer than the last build, then serve it on PORT (default 3000).
import { spawnSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { nextStartArgs } from "./next-start-args.mjs";

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
// The web server never runs the background jobs itself: one worker process does (scripts/worker.ts), unless
// CERTCONSOLE_WORKER=0 (a web-only instance, for several instances whose workers run elsewhere: `npm run worker`).
const children = [];
const serverArgs = dev ? ["dev", "-p", port, ...(process.env.HOSTNAME ? ["-H", process.env.HOSTNAME] : [])] : nextStartArgs(port, process.env.HOSTNAME);
const server = spawn(process.execPath, [nextCli, ...serverArgs], {
  stdio: "inherit",
  env: { ...process.env, CERTCONSOLE_DISABLE_JOBS: "1" },
});
children.push(server);
let stopping = false;
function startWorker() {
  const worker = spawn(process.execPath, [tsxCli, "scripts/worker.ts"], { stdio: "inherit", env: { ...process.env, CERTCONSOLE_SKIP_MIGRATE: "1" } });
  children.push(worker);
  worker.on("exit", (code) => {
    children.splice(children.indexOf(worker), 1);
    if (stopping) return;
    console.error(`certconsole: the worker exited (${code}); restarting it in 5 s.`);
    setTimeout(startWorker, 5000).unref();
  });
}
if (process.env.CERTCONSOLE_WORKER !== "0") startWorker();
console.log(`certconsole: starting on http://localhost:${port}${process.env.CERTCONSOLE_WORKER === "0" ? " (no worker: CERTCONSOLE_WORKER=0)" : " with one worker"}`);
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    stopping = true;
    for (const child of children) child.kill(signal);
  });
}
server.on("exit", (code) => {
  stopping = true;
  for (const child of children) if (child !== server) child.kill("SIGTERM");
  const waitForOthers = () => (children.length > 1 ? setTimeout(waitForOthers, 100) : process.exit(code ?? 0));
  children.splice(children.indexOf(server), 1);
  waitForOthers();
});
