// certctl start-up: `certctl verify --help` as a whole process (bin/certctl.mjs running the esbuild bundle that
// `npm install` builds) against a bare `node -e 0`, median of 5 each, interleaved. Target: ratio <= 2.0.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

const RUNS = 5;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function timed(args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: "utf8" });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`node ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  return ms;
}

export async function run(): Promise<void> {
  // The same build `npm install` runs, so the figure is the bundle's and not the tsx fallback's.
  const build = spawnSync(process.execPath, ["scripts/build-cli.mjs"], { cwd: root, encoding: "utf8" });
  if (build.status !== 0) throw new Error(`scripts/build-cli.mjs failed: ${build.stderr}`);
  const node: number[] = [];
  const certctl: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    node.push(timed(["-e", "0"]));
    certctl.push(timed(["bin/certctl.mjs", "verify", "--help"]));
  }
  console.log(`CLI start-up, whole process, median of ${RUNS}`);
  console.log(`  certctl verify --help  ${median(certctl).toFixed(0).padStart(6)} ms`);
  console.log(`  node -e 0              ${median(node).toFixed(0).padStart(6)} ms`);
  console.log(`  ratio certctl / node: ${(median(certctl) / median(node)).toFixed(2)}  (target <= 2.0)`);
}
