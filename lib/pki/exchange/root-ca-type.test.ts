import { beforeAll, describe, expect, test } from "vitest";
import { issueCertificate, type IssuedCertificate } from "../csr/issue-certificate";
import { rootCaType, smtpHybridHealth, type RootCaType, type ServerTrustStores } from "./root-ca-type";
import { pathCertificate } from "../certificate/certificate";

const T0 = new Date("2026-01-01T00:00:00Z");
const T1 = new Date("2028-01-01T00:00:00Z");
const EC = { kind: "EC", curve: "P-256" } as const;

let root: IssuedCertificate;
let issuing: IssuedCertificate;
let leaf: IssuedCertificate;
let selfSigned: IssuedCertificate;
let rootThumb = "";

const der = (c: IssuedCertificate) => new Uint8Array(c.certificate.rawData);
const stores = (where: Partial<Record<keyof ServerTrustStores, boolean>>, thumb = rootThumb): ServerTrustStores => ({
  thirdPartyRoot: new Set(where.thirdPartyRoot ? [thumb] : []),
  trustedRoot: new Set(where.trustedRoot ? [thumb] : []),
  groupPolicy: new Set(where.groupPolicy ? [thumb] : []),
  enterprise: new Set(where.enterprise ? [thumb] : []),
});

beforeAll(async () => {
  // Encoded C first like the real QuoVadis roots, so Windows (and the console) display them CN-first.
  root = await issueCertificate({ subject: "C=BM, O=QuoVadis Limited, CN=QuoVadis Root CA 2", notBefore: T0, notAfter: T1, isCa: true, key: EC }, null);
  issuing = await issueCertificate({ subject: "C=BM, O=QuoVadis Limited, CN=QuoVadis EV SSL ICA G1", notBefore: T0, notAfter: T1, isCa: true, pathLength: 0, key: EC }, root);
  leaf = await issueCertificate({ subject: "CN=owa.domain.com", dnsNames: ["owa.domain.com"], notBefore: T0, notAfter: T1, key: EC }, issuing);
  selfSigned = await issueCertificate({ subject: "CN=EXCAS1", dnsNames: ["excas1.domain.local"], notBefore: T0, notAfter: T1, key: EC }, null);
  rootThumb = pathCertificate(der(root)).thumbprint;
});

describe("rootCaType", () => {
  test.each<[string, Partial<Record<keyof ServerTrustStores, boolean>>, RootCaType]>([
    ["only in Trusted Root → Registry (the article's EXCAS1 before the fix)", { trustedRoot: true }, "Registry"],
    ["in Third-Party Root and Trusted Root → ThirdParty (the fix)", { trustedRoot: true, thirdPartyRoot: true }, "ThirdParty"],
    ["only in Third-Party Root → ThirdParty", { thirdPartyRoot: true }, "ThirdParty"],
    ["Group Policy (and Trusted Root) → GroupPolicy", { groupPolicy: true, trustedRoot: true }, "GroupPolicy"],
    ["Group Policy and Third-Party Root → ThirdParty", { groupPolicy: true, thirdPartyRoot: true }, "ThirdParty"],
    ["Enterprise → Enterprise", { enterprise: true, trustedRoot: true }, "Enterprise"],
    ["Group Policy outranks Enterprise", { enterprise: true, groupPolicy: true }, "GroupPolicy"],
    ["in no store → Unknown", {}, "Unknown"],
  ])("%s", (_label, where, expected) => {
    expect(rootCaType({ chain: [der(leaf), der(issuing), der(root)], stores: stores(where) })).toBe(expected);
  });

  test("store thumbprints are matched in either case", () => {
    expect(rootCaType({ chain: [der(leaf), der(issuing), der(root)], stores: stores({ thirdPartyRoot: true }, rootThumb.toLowerCase()) })).toBe("ThirdParty");
  });

  test.each<[string, () => Parameters<typeof rootCaType>[0], RootCaType]>([
    ["self-signed leaf → None, even when trusted", () => ({ chain: [der(selfSigned)], stores: stores({ thirdPartyRoot: true }, pathCertificate(der(selfSigned)).thumbprint) }), "None"],
    ["pending request → Unknown", () => ({ chain: [], isPending: true, stores: stores({ thirdPartyRoot: true }) }), "Unknown"],
    ["pending wins over a chain → Unknown", () => ({ chain: [der(leaf), der(issuing), der(root)], isPending: true, stores: stores({ thirdPartyRoot: true }) }), "Unknown"],
    ["no chain → Unknown", () => ({ chain: [], stores: stores({ thirdPartyRoot: true }) }), "Unknown"],
    ["parsed X509Certificate objects accepted", () => ({ chain: [leaf.certificate, issuing.certificate, root.certificate], stores: stores({ trustedRoot: true }) }), "Registry"],
  ])("%s", (_label, input, expected) => expect(rootCaType(input())).toBe(expected));
});

describe("smtpHybridHealth", () => {
  const chain = () => [der(leaf), der(issuing), der(root)];

  test("the article's case: SMTP certificate whose root is only in Trusted Root on EXCAS1", () => {
    const findings = smtpHybridHealth({ serverName: "EXCAS1", stores: stores({ trustedRoot: true }), certificates: [{ thumbprint: "AB", services: ["IMAP", "POP", "IIS", "SMTP"], chain: chain() }] });
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    expect(finding!.rootCaType).toBe("Registry");
    expect(finding!.message).toBe("hybrid / Office 365 mail may stay Pending: the root (CN=QuoVadis Root CA 2, O=QuoVadis Limited, C=BM) is only in Trusted Root on EXCAS1 — add it to Third-Party Root");
    expect(finding!.fix).toEqual({ action: "addToThirdPartyRoot", serverName: "EXCAS1", rootThumbprint: rootThumb });
  });

  test.each<[string, Partial<Record<keyof ServerTrustStores, boolean>>, string[], RootCaType | null, RegExp | null]>([
    ["ThirdParty → no finding", { thirdPartyRoot: true, trustedRoot: true }, ["SMTP"], null, null],
    ["not bound to SMTP → no finding", { trustedRoot: true }, ["IIS", "IMAP"], null, null],
    ["service names are case-insensitive", { trustedRoot: true }, ["smtp"], "Registry", /only in Trusted Root on EX01/],
    ["Group Policy root", { groupPolicy: true }, ["SMTP"], "GroupPolicy", /delivered by Group Policy on EX01/],
    ["Enterprise root", { enterprise: true }, ["SMTP"], "Enterprise", /enterprise \(Active Directory\) root on EX01/],
    ["root in no store", {}, ["SMTP"], "Unknown", /in no trust store on EX01/],
  ])("%s", (_label, where, services, type, message) => {
    const findings = smtpHybridHealth({ serverName: "EX01", stores: stores(where), certificates: [{ thumbprint: "AB", services, chain: chain() }] });
    if (type === null) return expect(findings).toEqual([]);
    expect(findings.map((f) => f.rootCaType)).toEqual([type]);
    expect(findings[0]!.message).toMatch(message!);
    expect(findings[0]!.fix?.rootThumbprint).toBe(rootThumb);
  });

  test("self-signed SMTP certificate: finding without a one-click fix", () => {
    const [finding] = smtpHybridHealth({ serverName: "EX01", stores: stores({}), certificates: [{ thumbprint: "CD", services: ["SMTP"], chain: [der(selfSigned)] }] });
    expect(finding!.rootCaType).toBe("None");
    expect(finding!.message).toMatch(/self-signed/);
    expect(finding!.fix).toBeNull();
  });

  test("self-signed SMTP certificate beside a CA-issued one gives no finding (the e2e SMTP No leftover made EXCAS1 look broken)", () => {
    const findings = smtpHybridHealth({
      serverName: "EXCAS1",
      stores: stores({ thirdPartyRoot: true }),
      certificates: [
        { thumbprint: "CA", services: ["IIS", "SMTP"], chain: chain() },
        { thumbprint: "SS", services: ["SMTP"], chain: [der(selfSigned)] },
      ],
    });
    expect(findings).toEqual([]);
    // Without the CA-issued one, the self-signed certificate is what Office 365 would see.
    const alone = smtpHybridHealth({ serverName: "EXCAS1", stores: stores({ thirdPartyRoot: true }), certificates: [{ thumbprint: "SS", services: ["SMTP"], chain: [der(selfSigned)] }] });
    expect(alone.map((f) => f.rootCaType)).toEqual(["None"]);
  });

  test("several certificates: only the SMTP ones not ThirdParty are reported", () => {
    const findings = smtpHybridHealth({
      serverName: "EX01",
      stores: stores({ trustedRoot: true }),
      certificates: [
        { thumbprint: "A1", services: ["SMTP"], chain: chain() },
        { thumbprint: "A2", services: ["IIS"], chain: chain() },
        { thumbprint: "A3", services: ["SMTP"], chain: [], isPending: true },
      ],
    });
    expect(findings.map((f) => [f.thumbprint, f.rootCaType, f.fix === null])).toEqual([
      ["A1", "Registry", false],
      ["A3", "Unknown", true],
    ]);
  });
});
