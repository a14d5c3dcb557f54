import { describe, expect, test } from "vitest";
import { createRevocationChecker } from "./checker";
import { buildPath, loadPkits, pkitsCases } from "./__fixtures__/pkits";

// PKITS revocation sections (4.4, 4.5, 4.7 cRLSign, 4.14, 4.15) with every PKITS CRL supplied offline.
// A test is "valid" for the checker when every non-anchor certificate of its path is `good`.
// Invalid for a path-validation reason (keyUsage without keyCertSign; a bad certificate signature), not a
// revocation one: the checker rightly says good.
const NOT_REVOCATION = new Set(["InvalidBasicSelfIssuedCRLSigningKeyTest8EE", "InvalidDSASignatureTest6EE"]);
const NOW = new Date("2020-06-01T00:00:00Z");

describe("PKITS revocation sections", () => {
  const { crls, certs } = loadPkits();
  const checker = createRevocationChecker({ crls: [...crls.values()], certificates: [...certs.values()], offline: true });

  test.each(pkitsCases())("$section $name", async ({ name, valid }) => {
    const chain = await buildPath(name);
    const statuses: string[] = [];
    for (let depth = 0; depth < chain.length - 1; depth++) {
      const r = await checker.check({ certificate: chain[depth]!, issuer: chain[depth + 1]!, depth, path: chain, now: NOW });
      statuses.push(`${depth}:${r.status}:${r.message}`);
    }
    const allGood = statuses.every((s) => /^\d+:good:/.test(s));
    expect({ valid: allGood, statuses }).toMatchObject({ valid: valid || NOT_REVOCATION.has(name) });
  });
});
