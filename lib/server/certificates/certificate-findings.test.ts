// Web PKI findings next to the Exchange status: imported openssl-made certificates (a good server certificate and
// its twin without subjectAltName) and a seeded demo certificate, through the properties use-case.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { buildWebPkiChain, type WebPkiChainSpec } from "@/test/harness/webpki-chains";
import { wizardOrg } from "./__fixtures__/wizard-org";

let org: Awaited<ReturnType<typeof wizardOrg>>;
let dir = "";

beforeAll(async () => {
  org = await wizardOrg();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "certconsole-findings-"));
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function importLeaf(name: string, spec: WebPkiChainSpec) {
  const { importCertificate } = await import("./import-certificate");
  const chain = buildWebPkiChain(dir, name, spec);
  const ex01 = await org.server("EX01");
  const result = await importCertificate(org.admin, { bytes: new Uint8Array(fs.readFileSync(chain.leaf)) }, { serverIds: [ex01.id], friendlyName: `findings ${name}` });
  return result.id as string;
}

describe("certificateFindings on the properties page", () => {
  test.each<{ name: string; spec: WebPkiChainSpec; codes: string[] }>([
    { name: "good server certificate", spec: {}, codes: [] },
    { name: "no subjectAltName", spec: { leaf: { subjectAltName: null } }, codes: ["ERR_WEBPKI_NO_SAN"] },
    { name: "clientAuth only, critical EKU", spec: { leaf: { extendedKeyUsage: "critical,clientAuth" } }, codes: ["ERR_WEBPKI_EKU", "ERR_WEBPKI_EKU_CRITICAL"] },
  ])("$name → $codes", async ({ name, spec, codes }) => {
    const id = await importLeaf(name.replace(/\W+/g, "-"), spec);
    const { getCertificateProperties } = await import("./get-certificate-properties");
    const props = await getCertificateProperties(org.helpdesk, id);
    expect(props.findings.map((f) => f.code).sort()).toEqual([...codes].sort());
    if (codes.includes("ERR_WEBPKI_NO_SAN")) expect(props.findings[0]?.message).toBe("No subjectAltName: browsers and Outlook ignore the CN, so the certificate matches no host name.");
  });

  test("the seeded public mail certificate has no findings, and a seeded CA is judged only by the CA rules", async () => {
    const { getCertificateProperties } = await import("./get-certificate-properties");
    const mail = await org.certificate("Contoso public mail 2026");
    expect((await getCertificateProperties(org.helpdesk, mail.id)).findings).toEqual([]);
    const ca = await org.db.certificate.findFirstOrThrow({ where: { isCa: true } });
    const codes = (await getCertificateProperties(org.helpdesk, ca.id)).findings.map((f) => f.code);
    expect(codes.filter((c) => ["ERR_WEBPKI_EKU", "ERR_WEBPKI_NO_SAN", "ERR_WEBPKI_LEAF_CA"].includes(c))).toEqual([]);
  });
});
