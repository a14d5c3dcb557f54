import { generateKeyPairSync, sign } from "node:crypto";
import { describe, expect, test } from "vitest";
import { nodeSignatureVerifier } from "./signature";

const data = new TextEncoder().encode("tbsCertificate bytes");
const SHA256_RSA = "1.2.840.113549.1.1.11";
const ECDSA_SHA256 = "1.2.840.10045.4.3.2";

function keyPair(type: "ec" | "rsa") {
  const pair = type === "ec" ? generateKeyPairSync("ec", { namedCurve: "P-256" }) : generateKeyPairSync("rsa", { modulusLength: 2048 });
  const spki = new Uint8Array(pair.publicKey.export({ type: "spki", format: "der" }));
  return { spki, signature: new Uint8Array(sign("sha256", data, pair.privateKey)) };
}

describe("nodeSignatureVerifier", () => {
  test.each([
    ["ec", ECDSA_SHA256],
    ["rsa", SHA256_RSA],
  ] as const)("a %s signature verifies under %s", (type, oid) => {
    const { spki, signature } = keyPair(type);
    expect(nodeSignatureVerifier({ tbs: data, signature, signatureAlgorithm: oid }, spki)).toEqual({ ok: true });
  });

  test.each([
    ["ec", SHA256_RSA],
    ["rsa", ECDSA_SHA256],
  ] as const)("regression: a %s key's signature does not verify under the mismatched algorithm %s", (type, oid) => {
    const { spki, signature } = keyPair(type);
    const check = nodeSignatureVerifier({ tbs: data, signature, signatureAlgorithm: oid }, spki);
    expect(check.ok).toBe(false);
    expect(!check.ok && check.reason).toMatch(/does not fit the signature algorithm/);
  });
});
