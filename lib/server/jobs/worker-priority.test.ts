import { spawnSync } from "node:child_process";
import os from "node:os";
import { describe, expect, test } from "vitest";

// Each case runs in a process of its own: a process's priority can only be lowered, never raised back.
function niceAfter(env: Record<string, string>): number {
  const run = spawnSync(
    process.execPath,
    ["--import", "tsx", "-e", `import("./lib/server/jobs/worker-priority.ts").then((m) => console.log(m.lowerWorkerPriority(), require("node:os").getPriority()))`],
    { env: { ...process.env, ...env }, encoding: "utf8" },
  );
  const [returned, actual] = run.stdout.trim().split(" ").map(Number);
  expect(returned).toBe(actual);
  return actual as number;
}

describe("lowerWorkerPriority", () => {
  test("the worker runs at nice 10 by default, or at CERTCONSOLE_WORKER_NICE; a value outside 0–19 leaves the priority as it was", () => {
    const inherited = os.getPriority(); // 0 unless the tests themselves run niced
    expect(niceAfter({})).toBe(Math.max(10, inherited));
    expect(niceAfter({ CERTCONSOLE_WORKER_NICE: "15" })).toBe(Math.max(15, inherited));
    expect(niceAfter({ CERTCONSOLE_WORKER_NICE: "lower" })).toBe(inherited);
    expect(niceAfter({ CERTCONSOLE_WORKER_NICE: "-5" })).toBe(inherited);
  });
});
