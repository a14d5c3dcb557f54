// NIST PKITS through `certctl verify --offline --json`: all 249 runs of sections 4.1–4.16 (224 tests; the policy
// tests of 4.8–4.12 run again with the PKITS document's other inputs: --policy, --explicit-policy, …).
// Expected verdicts come from the test names; inputs (CA certificates, CRLs) are chosen by test/pkits-suite.ts.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { main } from "@/cli/certctl";
import { opensslVerdict, PKITS_ANCHOR, PKITS_RUNS, PKITS_TIME, REQUIRED_REVOCATION_SECTIONS, REQUIRED_SECTIONS, REVOCATION_SECTIONS, pkitsCases, settingsFlags, type PkitsCase } from "@/test/pkits-suite";

interface VerifyJson {
  status: string;
  chain: string[];
  problems: { depth: number; code: string; message: string }[];
  validPolicies: string[];
  revocationEngine: "checked" | "skipped" | "unavailable";
  revocation: { depth: number; status: string; attempts: unknown[] }[];
}

const cases = pkitsCases();
const tally = new Map<string, { agreed: number; total: number; pending: number; failed: string[] }>();
let engine: VerifyJson["revocationEngine"] | null = null;

function argsOf(c: PkitsCase): string[] {
  return [
    "verify",
    c.leaf,
    "--trust",
    PKITS_ANCHOR,
    ...c.caFiles.flatMap((f) => ["--untrusted", f]),
    ...c.crlFiles.flatMap((f) => ["--crl", f]),
    "--at",
    PKITS_TIME,
    "--offline",
    "--json",
    ...settingsFlags(c.settings),
  ];
}

async function verify(c: PkitsCase): Promise<{ code: number; json: VerifyJson }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argsOf(c), { out: (t) => out.push(t), err: (t) => err.push(t) });
  if (err.length > 0) throw new Error(`certctl verify wrote to stderr: ${err.join("\n")}`);
  return { code, json: JSON.parse(out.join("\n")) as VerifyJson };
}

describe("NIST PKITS via certctl verify --offline --json", () => {
  test("the case table covers every section 4.1–4.16: 224 tests, 249 runs", () => {
    const sections = new Set(cases.map((c) => c.section));
    expect([...sections].sort((a, b) => Number(a.split(".")[1]) - Number(b.split(".")[1]))).toEqual(Array.from({ length: 16 }, (_, i) => `4.${i + 1}`));
    expect(new Set(cases.map((c) => c.id.split(".").slice(0, 3).join("."))).size).toBe(224);
    expect(cases.length).toBe(249);
    expect(Object.values(PKITS_RUNS).flat().length).toBe(42);
  });

  test.each(cases)("$id $name → $expected $settings", async (c) => {
    const { code, json } = await verify(c);
    engine ??= json.revocationEngine;
    const entry = tally.get(c.section) ?? { agreed: 0, total: 0, pending: 0, failed: [] };
    tally.set(c.section, entry);
    expect(code).toBe(json.status === "Valid" ? 0 : 1);
    if (c.needsRevocation && json.revocationEngine !== "checked") {
      entry.pending += 1;
      expect(json.revocationEngine).toBe("unavailable");
      return;
    }
    entry.total += 1;
    const agreed = (json.status === "Valid") === (c.expected === "Valid");
    if (agreed) entry.agreed += 1;
    else entry.failed.push(`${c.id} ${c.name}: got ${json.status} ${json.problems.map((p) => `[${p.depth}] ${p.code}`).join(" ")}; openssl cross-check: ${opensslVerdict(c)}`);
    const required = REQUIRED_SECTIONS.includes(c.section) || !REVOCATION_SECTIONS.has(c.section) || REQUIRED_REVOCATION_SECTIONS.includes(c.section);
    if (required) expect(agreed, `${c.id} ${c.name}: expected ${c.expected}, got ${json.status} ${JSON.stringify(json.problems)}`).toBe(true);
  });

  test("the openssl cross-check runs and agrees on a valid and an invalid case", () => {
    expect(opensslVerdict(cases.find((x) => x.id === "4.1.1")!)).toBe("OK");
    expect(opensslVerdict(cases.find((x) => x.id === "4.1.2")!)).toMatch(/^error 7 /);
  });

  test("the runs with non-default policy inputs agree with openssl verify -policy_check -policy/-explicit_policy/-inhibit_map/-inhibit_any", () => {
    const runs = cases.filter((c) => Object.keys(c.settings).length > 0);
    expect(runs.length).toBe(34);
    const disagreements = runs.filter((c) => (opensslVerdict(c) === "OK") !== (c.expected === "Valid")).map((c) => c.id);
    expect(disagreements).toEqual([]);
  }, 180_000); // 34 openssl processes one after another: slow on a loaded 2-core machine

  test.each([
    ["4.8.1.1", ["2.16.840.1.101.3.2.1.48.1"]],
    ["4.8.10.1", ["2.16.840.1.101.3.2.1.48.1", "2.16.840.1.101.3.2.1.48.2"]],
    ["4.8.10.3", ["2.16.840.1.101.3.2.1.48.2"]],
    ["4.8.11.1", ["2.5.29.32.0"]],
    ["4.8.11.2", ["2.16.840.1.101.3.2.1.48.1"]],
    ["4.10.1.1", ["2.16.840.1.101.3.2.1.48.1"]],
    ["4.10.13.2", ["2.16.840.1.101.3.2.1.48.1"]],
    ["4.8.2.1", []],
  ])("%s reports the user-constrained policy set %j as validPolicies", async (id, expected) => {
    const { json } = await verify(cases.find((c) => c.id === id)!);
    expect(json.validPolicies.sort()).toEqual([...expected].sort());
  });

  test("a spawned certctl process gives the same verdict (smoke test)", () => {
    const c = cases.find((x) => x.id === "4.1.3")!;
    const cli = path.resolve(__dirname, "../../../cli/certctl.ts");
    const result = spawnSync(process.execPath, ["--import", "tsx", cli, ...argsOf(c)], { encoding: "utf8", cwd: path.resolve(__dirname, "../../..") });
    expect(result.status, result.stderr).toBe(1);
    const json = JSON.parse(result.stdout) as VerifyJson;
    expect(json.status).toBe("Invalid");
    expect(json.problems.map((p) => p.code)).toContain("ERR_SIGNATURE");
  });

  afterAll(() => {
    const lines = ["", "PKITS agreement by section (certctl verify --offline; policy runs with the PKITS document's inputs):", "section  agreed/run  rate     pending"];
    let agreed = 0;
    let total = 0;
    for (const [section, t] of [...tally].sort((a, b) => Number(a[0].split(".")[1]) - Number(b[0].split(".")[1]))) {
      agreed += t.agreed;
      total += t.total;
      const rate = t.total ? `${((100 * t.agreed) / t.total).toFixed(1)}%` : "-";
      lines.push(`${section.padEnd(8)} ${`${t.agreed}/${t.total}`.padEnd(11)} ${rate.padEnd(8)} ${t.pending ? `${t.pending} pending: revocation engine not available` : ""}`);
      for (const f of t.failed) lines.push(`           disagrees: ${f}`);
    }
    lines.push(`total    ${agreed}/${total} (revocation engine: ${engine ?? "?"})`);
    console.log(lines.join("\n"));
  });
});
