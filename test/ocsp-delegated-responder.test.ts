// RFC 6960 §4.2.2.2.1 as local policy, against real `openssl ocsp -rsigner` responders: one delegated responder
// certificate per shape (id-pkix-ocsp-nocheck; its own CDP, good / revoked / unreachable; its own OCSP URL; its
// own OCSP URL pointing at itself; neither), each signing the answers for one leaf of an openssl lab PKI.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { main } from "@/cli/certctl";
import { createNetFetcher } from "@/lib/net/fetcher";
import { validateCertificate } from "@/lib/pki/path/validate-certificate";
import { createRevocationChecker } from "@/lib/pki/revocation/checker";
import { startCrlServer, type CrlServer } from "@/test/harness/crl-server";
import { closedPortUrl } from "@/test/harness/forward-proxy";
import { createLabPki, type LabCert, type LabPki } from "@/test/harness/lab-pki";
import { startOcspResponder, type OcspResponder } from "@/test/harness/ocsp-responder";

const SHAPES = ["nocheck", "bare", "cdp-good", "cdp-revoked", "cdp-unreachable", "ocsp-url", "ocsp-url-self"] as const;
type Shape = (typeof SHAPES)[number];

let web: CrlServer;
let webDir = "";
let pki: LabPki;
let issuingResponder: OcspResponder;
const responders = new Map<Shape, OcspResponder>();
const leaves = new Map<Shape, LabCert>();

beforeAll(async () => {
  webDir = mkdtempSync(path.join(tmpdir(), "certconsole-ocsp-shapes-"));
  web = await startCrlServer({ dir: webDir });
  pki = createLabPki({ issuingUrls: { cdp: [`${web.url}/root.crl`] } });
  issuingResponder = await startOcspResponder({ index: pki.ocspIndexPath, caCert: pki.issuing.certPath, signerCert: pki.issuing.certPath, signerKey: pki.issuing.keyPath });
  const closed = await closedPortUrl();
  const selfUrl = await closedPortUrl();
  const cdp = [`${web.url}/issuing.crl`];
  const signers: Record<Shape, LabCert> = {
    nocheck: pki.ocspSigner,
    bare: pki.issueOcspSigner("bare", { noCheck: false }),
    "cdp-good": pki.issueOcspSigner("cdp-good", { noCheck: false, urls: { cdp } }),
    "cdp-revoked": pki.issueOcspSigner("cdp-revoked", { noCheck: false, urls: { cdp } }),
    "cdp-unreachable": pki.issueOcspSigner("cdp-unreachable", { noCheck: false, urls: { cdp: [`${closed}/issuing.crl`] } }),
    "ocsp-url": pki.issueOcspSigner("ocsp-url", { noCheck: false, urls: { ocsp: [issuingResponder.url] } }),
    "ocsp-url-self": pki.issueOcspSigner("ocsp-url-self", { noCheck: false, urls: { ocsp: [selfUrl] } }),
  };
  pki.revoke(signers["cdp-revoked"], "keyCompromise");
  for (const shape of SHAPES) {
    const port = shape === "ocsp-url-self" ? Number(new URL(selfUrl).port) : 0;
    const signer = signers[shape];
    responders.set(shape, await startOcspResponder({ index: pki.ocspIndexPath, caCert: pki.issuing.certPath, signerCert: signer.certPath, signerKey: signer.keyPath, port }));
  }
  for (const shape of SHAPES) leaves.set(shape, pki.issueLeaf(`delegated-${shape}`, { ocsp: [responders.get(shape)!.url] }));
  utimesSync(pki.ocspIndexPath, new Date(), new Date(Date.now() + 2_000));
  await Promise.all([issuingResponder, ...responders.values()].map((r) => r.refresh()));
  writeFileSync(path.join(webDir, "issuing.crl"), pki.issuingCrl());
  writeFileSync(path.join(webDir, "root.crl"), pki.rootCrl());
});

afterAll(async () => {
  for (const r of [...responders.values(), issuingResponder]) await r?.stop();
  await web?.stop();
  pki?.cleanup();
  rmSync(webDir, { recursive: true, force: true });
});

async function validate(shape: Shape) {
  const fetcher = createNetFetcher({ allowList: ["127.0.0.0/8"], timeoutMs: 3_000 });
  return validateCertificate({
    leaf: leaves.get(shape)!.der,
    intermediates: [pki.issuing.der],
    trustAnchors: [pki.root.der],
    now: new Date(),
    purpose: "server",
    revocation: createRevocationChecker({ fetcher }),
    fetcher,
  });
}

describe("delegated OCSP responders (RFC 6960 §4.2.2.2.1 as local policy), real openssl ocsp -rsigner", () => {
  test.each([
    ["nocheck", "Valid", "good", /carries id-pkix-ocsp-nocheck and is trusted for the lifetime of its certificate/],
    ["bare", "Valid", "good", /has neither id-pkix-ocsp-nocheck nor a CRL distribution point or OCSP URL, so its own revocation status was not checkable; accepted/],
    ["cdp-good", "Valid", "good", /its own status was checked through its CRL distribution point: not revoked/],
    ["cdp-revoked", "RevocationCheckFailure", "failed", /Responder cdp-revoked, O=Certconsole Lab" has been revoked \(checked through its CRL distribution point\)/],
    ["cdp-unreachable", "RevocationCheckFailure", "failed", /could not be checked through the CRL distribution point it names/],
    ["ocsp-url", "Valid", "good", /its own status was checked through its OCSP URL: not revoked/],
    ["ocsp-url-self", "RevocationCheckFailure", "failed", /could not be checked through the OCSP URL it names/],
  ] as const)("responder shape %s → %s, the attempt (%s) says why", async (shape, status, outcome, reason) => {
    const result = await validate(shape);
    expect(result.status).toBe(status);
    const attempt = result.revocation[0]?.attempts.find((a) => a.method === "OCSP");
    expect(attempt).toMatchObject({ outcome, url: responders.get(shape)!.url });
    expect(attempt?.message).toMatch(reason);
    expect(result.revocation[1]?.status).toBe("good");
  });

  test("regression: openssl ocsp -rsigner without nocheck or pointers made every answer RevocationCheckFailure; certctl verify now says Valid and why", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "certconsole-ocsp-cli-"));
    try {
      writeFileSync(path.join(dir, "root.pem"), pki.root.pem);
      writeFileSync(path.join(dir, "issuing.pem"), pki.issuing.pem);
      const out: string[] = [];
      const code = await main(["verify", leaves.get("bare")!.certPath, "--trust", path.join(dir, "root.pem"), "--untrusted", path.join(dir, "issuing.pem"), "--allow-private", "--purpose", "server"], { out: (t) => out.push(t), err: (t) => out.push(t) });
      const text = out.join("\n");
      expect(text).toMatch(/Status\s+: Valid/);
      expect(text).toMatch(/OCSP http:\/\/127\.0\.0\.1:\d+ → good: .*its own revocation status was not checkable/);
      expect(code).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("openssl ocsp (the client) accepts the bare responder's answer too: we agree", () => {
    const leaf = leaves.get("bare")!;
    const chain = path.join(pki.dir, "chain-for-ocsp.pem");
    writeFileSync(chain, pki.root.pem + pki.issuing.pem);
    const output = execFileSync("openssl", ["ocsp", "-issuer", pki.issuing.certPath, "-cert", leaf.certPath, "-url", responders.get("bare")!.url, "-CAfile", chain], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    expect(output).toMatch(/: good/);
  });
});
