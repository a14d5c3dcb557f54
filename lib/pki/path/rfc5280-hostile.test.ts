// Hostile and malformed chains under the default (RFC 5280) profile, one rule per row with valid and invalid twins,
// through `certctl verify --offline --json` (the code the Exchange status comes from), each cross-checked against
// `openssl verify -x509_strict`. Where we deliberately differ from OpenSSL the row says why.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type * as x509 from "@peculiar/x509";
import { afterAll, describe, expect, test } from "vitest";
import { main } from "@/cli/certctl";
import type { IssuedCertificate } from "../csr/issue-certificate";
import { AT, KU, aki, basicConstraints, crl, ext, gn, intermediate, keyUsage, leaf, make, nameConstraints, newKeys, root, san, ski } from "@/test/harness/hostile-pki";
import { derOid, derSequence } from "../asn1/der-writer";

interface Fixture {
  leaf: IssuedCertificate;
  intermediates?: IssuedCertificate[];
  anchors: IssuedCertificate[];
  crls?: string[];
}

interface Case {
  id: string;
  rule: string;
  build: () => Promise<Fixture>;
  /** Our Exchange status. */
  status: "Valid" | "Invalid" | "RevocationCheckFailure";
  /** The problem code that must be reported when not Valid. */
  code?: string;
  /** `openssl verify -x509_strict` (OpenSSL 3.0): OK or FAIL. */
  openssl: "OK" | "FAIL";
  /** Why our verdict and OpenSSL's deliberately differ. */
  differs?: string;
}

const simple = async (leafExtra: x509.Extension[] = [], options: Parameters<typeof leaf>[2] = {}, rootExtra: x509.Extension[] = []): Promise<Fixture> => {
  const r = await root("CN=Hostile Test Root", rootExtra);
  return { leaf: await leaf(r, leafExtra, options), anchors: [r] };
};
const underIntermediate = async (interExtra: x509.Extension[], leafOptions: Parameters<typeof leaf>[2] = {}): Promise<Fixture> => {
  const r = await root();
  const i = await intermediate(r, "CN=Hostile Test Issuing CA", interExtra);
  return { leaf: await leaf(i, [], leafOptions), intermediates: [i], anchors: [r] };
};
const rootWith = async (extensions: (keys: CryptoKeyPair) => Promise<x509.Extension[]>, subject = "CN=Hostile Test Root"): Promise<Fixture> => {
  const keys = await newKeys();
  const r = await make({ subject, keys, extensions: await extensions(keys) }, null);
  return { leaf: await leaf(r), anchors: [r] };
};
const leafWith = async (extensions: (issuer: IssuedCertificate) => Promise<x509.Extension[]>, subject = "CN=mail.contoso.com"): Promise<Fixture> => {
  const r = await root();
  return { leaf: await make({ subject, extensions: await extensions(r) }, r), anchors: [r] };
};
const unknownCritical = ext("1.3.6.1.4.1.55738.666.1", true, Uint8Array.of(0x05, 0x00));
const criticalAia = ext("1.3.6.1.5.5.7.1.1", true, derSequence(derSequence(derOid("1.3.6.1.5.5.7.48.2"), gn.uri("http://pki.contoso.com/ca.cer"))));
const rootBasics = async (keys: CryptoKeyPair) => [basicConstraints(true), keyUsage(KU.keyCertSign | KU.cRLSign), await ski(keys)];
const constrainedRoot = (permitted: Uint8Array[], excluded: Uint8Array[], leafOptions: Parameters<typeof leaf>[2] = {}) => simple([], leafOptions, [nameConstraints(permitted, excluded)]);
const DIFFERS_NC_SYNTAX = "OpenSSL does not check the syntax of constraints; RFC 5280 §4.2.1.10 defines it and x509-limbo expects rejection";

const cases: Case[] = [
  // Baselines
  { id: "conforming root → leaf", rule: "RFC 5280 §6.1", build: () => simple(), status: "Valid", openssl: "OK" },
  { id: "conforming root → intermediate → leaf", rule: "RFC 5280 §6.1", build: () => underIntermediate([]), status: "Valid", openssl: "OK" },

  // Name constraints (§4.2.1.10), the trust anchor's own included
  { id: "root excludes the leaf's dNSName", rule: "RFC 5280 §4.2.1.10", build: () => constrainedRoot([], [gn.dns("mail.contoso.com")]), status: "Invalid", code: "ERR_NAME_CONSTRAINTS", openssl: "FAIL" },
  { id: "root excludes another dNSName", rule: "RFC 5280 §4.2.1.10", build: () => constrainedRoot([], [gn.dns("secret.contoso.com")]), status: "Valid", openssl: "OK" },
  { id: "root permits contoso.com, leaf is mail.fabrikam.com", rule: "RFC 5280 §4.2.1.10", build: () => constrainedRoot([gn.dns("contoso.com")], [], { sanNames: [gn.dns("mail.fabrikam.com")] }), status: "Invalid", code: "ERR_NAME_CONSTRAINTS", openssl: "FAIL" },
  { id: "root permits contoso.com, leaf is mail.contoso.com", rule: "RFC 5280 §4.2.1.10", build: () => constrainedRoot([gn.dns("contoso.com")], []), status: "Valid", openssl: "OK" },
  { id: "excluded wins over permitted", rule: "RFC 5280 §4.2.1.10", build: () => underIntermediate([nameConstraints([gn.dns("contoso.com")], [gn.dns("contoso.com")])]), status: "Invalid", code: "ERR_NAME_CONSTRAINTS", openssl: "FAIL" },
  { id: "iPAddress outside the permitted range", rule: "RFC 5280 §4.2.1.10", build: () => constrainedRoot([gn.ip(192, 0, 2, 0, 255, 255, 255, 0)], [], { sanNames: [gn.ip(192, 0, 3, 1)] }), status: "Invalid", code: "ERR_NAME_CONSTRAINTS", openssl: "FAIL" },
  { id: "iPAddress inside the permitted range", rule: "RFC 5280 §4.2.1.10", build: () => constrainedRoot([gn.ip(192, 0, 2, 0, 255, 255, 255, 0)], [], { sanNames: [gn.ip(192, 0, 2, 10)] }), status: "Valid", openssl: "OK" },
  { id: "iPAddress constraint of 4 octets", rule: "RFC 5280 §4.2.1.10", build: () => constrainedRoot([gn.ip(192, 0, 2, 10)], [], { sanNames: [gn.ip(192, 0, 2, 10)] }), status: "Invalid", code: "ERR_NAME_CONSTRAINTS_MALFORMED", openssl: "FAIL" },
  { id: "iPAddress constraint with a non-contiguous mask", rule: "RFC 5280 §4.2.1.10", build: () => constrainedRoot([gn.ip(192, 0, 2, 0, 255, 0, 255, 0)], [], { sanNames: [gn.ip(192, 0, 2, 10)] }), status: "Invalid", code: "ERR_NAME_CONSTRAINTS_MALFORMED", openssl: "OK", differs: DIFFERS_NC_SYNTAX },
  { id: "dNSName constraint with a leading period", rule: "RFC 5280 §4.2.1.10", build: () => constrainedRoot([gn.dns(".contoso.com")], []), status: "Invalid", code: "ERR_NAME_CONSTRAINTS_MALFORMED", openssl: "OK", differs: DIFFERS_NC_SYNTAX },
  { id: "dNSName constraint with a wildcard", rule: "RFC 5280 §4.2.1.10", build: () => constrainedRoot([gn.dns("*.contoso.com")], []), status: "Invalid", code: "ERR_NAME_CONSTRAINTS_MALFORMED", openssl: "FAIL" },
  { id: "constrained leaf with a malformed dNSName", rule: "RFC 5280 §4.2.1.10", build: () => constrainedRoot([gn.dns("contoso.com")], [], { sanNames: [gn.dns(".contoso.com"), gn.dns("mail.contoso.com")] }), status: "Invalid", code: "ERR_NAME_CONSTRAINTS_MALFORMED", openssl: "OK", differs: "OpenSSL matches '.contoso.com' as a suffix; it is not a host name" },
  { id: "constrained leaf with an 8-octet iPAddress", rule: "RFC 5280 §4.2.1.10", build: () => constrainedRoot([gn.ip(192, 0, 2, 0, 255, 255, 255, 0)], [], { sanNames: [gn.ip(192, 0, 2, 0, 255, 255, 255, 0)] }), status: "Invalid", code: "ERR_NAME_CONSTRAINTS_MALFORMED", openssl: "FAIL" },
  { id: "rfc822Name outside the permitted host", rule: "RFC 5280 §4.2.1.10", build: () => constrainedRoot([gn.email("contoso.com")], [], { sanNames: [gn.email("user@fabrikam.com")] }), status: "Invalid", code: "ERR_NAME_CONSTRAINTS", openssl: "FAIL" },
  { id: "rfc822Name at the permitted host", rule: "RFC 5280 §4.2.1.10", build: () => constrainedRoot([gn.email("contoso.com")], [], { sanNames: [gn.email("user@contoso.com")] }), status: "Valid", openssl: "OK" },
  { id: "directoryName SAN and subject outside O=Contoso", rule: "RFC 5280 §4.2.1.10", build: () => constrainedRoot([gn.dn("O=Contoso")], [], { subject: "O=Fabrikam, CN=mail.contoso.com", sanNames: [gn.dn("O=Fabrikam, CN=mail")] }), status: "Invalid", code: "ERR_NAME_CONSTRAINTS", openssl: "FAIL" },
  { id: "directoryName SAN and subject inside O=Contoso", rule: "RFC 5280 §4.2.1.10", build: () => constrainedRoot([gn.dn("O=Contoso")], [], { subject: "O=Contoso, CN=mail.contoso.com", sanNames: [gn.dn("O=Contoso, CN=mail")] }), status: "Valid", openssl: "OK" },
  { id: "no SAN: the subject CN is an excluded host", rule: "RFC 5280 §4.2.1.10", build: () => constrainedRoot([], [gn.dns("contoso.com")], { sanNames: null }), status: "Invalid", code: "ERR_NAME_CONSTRAINTS", openssl: "FAIL" },
  { id: "no SAN: the subject CN is not excluded", rule: "RFC 5280 §4.2.1.10", build: () => constrainedRoot([], [gn.dns("fabrikam.com")], { sanNames: null }), status: "Valid", openssl: "OK" },
  { id: "otherName constrained and present", rule: "RFC 5280 §4.2.1.10", build: () => constrainedRoot([], [gn.otherName("1.3.6.1.4.1.55738.666.3")], { sanNames: [gn.dns("mail.contoso.com"), gn.otherName("1.3.6.1.4.1.55738.666.3")] }), status: "Invalid", code: "ERR_NAME_CONSTRAINTS_MALFORMED", openssl: "FAIL" },
  { id: "otherName constrained, none present", rule: "RFC 5280 §4.2.1.10", build: () => constrainedRoot([], [gn.otherName("1.3.6.1.4.1.55738.666.3")]), status: "Valid", openssl: "OK" },
  { id: "name constraints in an end-entity certificate", rule: "RFC 5280 §4.2.1.10", build: () => simple([nameConstraints([gn.dns("contoso.com")], [])]), status: "Invalid", code: "ERR_NAME_CONSTRAINTS_IN_END_ENTITY", openssl: "OK", differs: "OpenSSL ignores name constraints in an end-entity certificate" },
  { id: "non-critical name constraints", rule: "RFC 5280 §4.2.1.10", build: () => simple([], {}, [nameConstraints([gn.dns("contoso.com")], [], false)]), status: "Invalid", code: "ERR_EXTENSION_CRITICALITY", openssl: "OK", differs: "OpenSSL does not require the criticality RFC 5280 §4.2.1.10 mandates (the Web PKI profile relaxes it)" },
  {
    id: "self-issued intermediate outside the root's constraints, leaf inside",
    rule: "RFC 5280 §6.1.4",
    build: async () => {
      const r = await root("CN=Constrained Root", [nameConstraints([gn.dns("contoso.com")], [])]);
      const keys = await newKeys();
      const i = await make({ subject: "CN=Constrained Root", keys, extensions: [basicConstraints(true), keyUsage(KU.keyCertSign), await ski(keys), await aki(r.keys), san([gn.dns("ca.fabrikam.com")])] }, r);
      return { leaf: await leaf(i), intermediates: [i], anchors: [r] };
    },
    status: "Valid",
    openssl: "OK",
  },
  {
    id: "self-issued intermediate, leaf outside the root's constraints",
    rule: "RFC 5280 §6.1.4",
    build: async () => {
      const r = await root("CN=Constrained Root", [nameConstraints([gn.dns("contoso.com")], [])]);
      const keys = await newKeys();
      const i = await make({ subject: "CN=Constrained Root", keys, extensions: [basicConstraints(true), keyUsage(KU.keyCertSign), await ski(keys), await aki(r.keys)] }, r);
      return { leaf: await leaf(i, [], { sanNames: [gn.dns("mail.fabrikam.com")] }), intermediates: [i], anchors: [r] };
    },
    status: "Invalid",
    code: "ERR_NAME_CONSTRAINTS",
    openssl: "FAIL",
  },

  // Extensions (§4.2)
  { id: "unknown critical extension in the leaf", rule: "RFC 5280 §4.2", build: () => simple([unknownCritical]), status: "Invalid", code: "ERR_UNKNOWN_CRITICAL_EXTENSION", openssl: "FAIL" },
  { id: "unknown non-critical extension in the leaf", rule: "RFC 5280 §4.2", build: () => simple([ext("1.3.6.1.4.1.55738.666.1", false, Uint8Array.of(0x05, 0x00))]), status: "Valid", openssl: "OK" },
  { id: "unknown critical extension in an intermediate", rule: "RFC 5280 §4.2", build: () => underIntermediate([unknownCritical]), status: "Invalid", code: "ERR_UNKNOWN_CRITICAL_EXTENSION", openssl: "FAIL" },
  { id: "unknown critical extension in the trust anchor", rule: "RFC 5280 §4.2", build: () => simple([], {}, [unknownCritical]), status: "Invalid", code: "ERR_UNKNOWN_CRITICAL_EXTENSION", openssl: "FAIL" },
  { id: "two subjectAltName extensions", rule: "RFC 5280 §4.2", build: () => simple([san([gn.dns("mail.contoso.com")]), san([gn.dns("mail.contoso.com")])], { sanNames: null }), status: "Invalid", code: "ERR_DUPLICATE_EXTENSION", openssl: "FAIL" },
  { id: "critical authority key identifier", rule: "RFC 5280 §4.2.1.1", build: () => leafWith(async (r) => [await aki(r.keys, true), san([gn.dns("mail.contoso.com")])]), status: "Invalid", code: "ERR_EXTENSION_CRITICALITY", openssl: "FAIL" },
  { id: "leaf without authority key identifier", rule: "RFC 5280 §4.2.1.1", build: () => leafWith(async () => [san([gn.dns("mail.contoso.com")])]), status: "Invalid", code: "ERR_KEY_IDENTIFIER", openssl: "FAIL" },
  { id: "critical subject key identifier in the root", rule: "RFC 5280 §4.2.1.2", build: () => rootWith(async (k) => [basicConstraints(true), keyUsage(KU.keyCertSign), await ski(k, true)]), status: "Invalid", code: "ERR_EXTENSION_CRITICALITY", openssl: "FAIL" },
  { id: "root without subject key identifier", rule: "RFC 5280 §4.2.1.2", build: () => rootWith(async () => [basicConstraints(true), keyUsage(KU.keyCertSign)]), status: "Invalid", code: "ERR_KEY_IDENTIFIER", openssl: "FAIL" },
  {
    id: "intermediate without subject key identifier",
    rule: "RFC 5280 §4.2.1.2",
    build: async () => {
      const r = await root();
      const i = await make({ subject: "CN=No SKI CA", extensions: [basicConstraints(true), keyUsage(KU.keyCertSign), await aki(r.keys)] }, r);
      return { leaf: await leaf(i), intermediates: [i], anchors: [r] };
    },
    status: "Invalid",
    code: "ERR_KEY_IDENTIFIER",
    openssl: "FAIL",
  },
  { id: "root with non-critical basicConstraints", rule: "RFC 5280 §4.2.1.9", build: () => rootWith(async (k) => [basicConstraints(true, false), keyUsage(KU.keyCertSign), await ski(k)]), status: "Invalid", code: "ERR_EXTENSION_CRITICALITY", openssl: "FAIL" },
  {
    id: "intermediate with non-critical basicConstraints",
    rule: "RFC 5280 §4.2.1.9",
    build: async () => {
      const r = await root();
      const keys = await newKeys();
      const i = await make({ subject: "CN=Lenient CA", keys, extensions: [basicConstraints(true, false), keyUsage(KU.keyCertSign), await ski(keys), await aki(r.keys)] }, r);
      return { leaf: await leaf(i), intermediates: [i], anchors: [r] };
    },
    status: "Valid",
    openssl: "FAIL",
    differs: "NIST PKITS 4.6.4 requires accepting it (§6.1.4(k) asks only for cA); the trust anchor's must be critical",
  },
  { id: "root without basicConstraints", rule: "RFC 5280 §4.2.1.9", build: () => rootWith(async (k) => [keyUsage(KU.keyCertSign), await ski(k)]), status: "Invalid", code: "ERR_BASIC_CONSTRAINTS", openssl: "FAIL" },
  { id: "leaf asserts keyCertSign without cA", rule: "RFC 5280 §4.2.1.9", build: () => leafWith(async (r) => [basicConstraints(false), keyUsage(KU.keyCertSign | KU.digitalSignature), await aki(r.keys), san([gn.dns("mail.contoso.com")])]), status: "Invalid", code: "ERR_KEY_USAGE", openssl: "FAIL" },
  { id: "root with cA but keyUsage without keyCertSign", rule: "RFC 5280 §4.2.1.3", build: () => rootWith(async (k) => [basicConstraints(true), keyUsage(KU.cRLSign | KU.digitalSignature), await ski(k)]), status: "Invalid", code: "ERR_KEY_USAGE", openssl: "FAIL" },
  { id: "critical authority information access", rule: "RFC 5280 §4.2.2.1", build: () => simple([criticalAia]), status: "Invalid", code: "ERR_EXTENSION_CRITICALITY", openssl: "FAIL" },
  { id: "empty subject, non-critical SAN", rule: "RFC 5280 §4.2.1.6", build: () => leafWith(async (r) => [await aki(r.keys), san([gn.dns("mail.contoso.com")])], ""), status: "Invalid", code: "ERR_EMPTY_NAME", openssl: "FAIL" },
  { id: "empty subject, critical SAN", rule: "RFC 5280 §4.2.1.6", build: () => leafWith(async (r) => [await aki(r.keys), san([gn.dns("mail.contoso.com")], true)], ""), status: "Valid", openssl: "OK" },
  { id: "CA with an empty subject (and a leaf with an empty issuer)", rule: "RFC 5280 §4.1.2.4", build: () => rootWith(rootBasics, ""), status: "Invalid", code: "ERR_EMPTY_NAME", openssl: "FAIL" },

  // Serial numbers (§4.1.2.2)
  { id: "serial number zero", rule: "RFC 5280 §4.1.2.2", build: () => simple([], { serialHex: "00" }), status: "Invalid", code: "ERR_SERIAL_NUMBER", openssl: "OK", differs: "OpenSSL 3.0 does not check serial numbers" },
  { id: "negative serial number", rule: "RFC 5280 §4.1.2.2", build: () => simple([], { serialHex: "ff01" }), status: "Invalid", code: "ERR_SERIAL_NUMBER", openssl: "OK", differs: "OpenSSL 3.0 does not check serial numbers" },
  { id: "serial number of 21 octets", rule: "RFC 5280 §4.1.2.2", build: () => simple([], { serialHex: `01${"ab".repeat(20)}` }), status: "Invalid", code: "ERR_SERIAL_NUMBER", openssl: "OK", differs: "OpenSSL 3.0 does not check serial numbers" },
  { id: "serial number of 20 octets with the top bit set", rule: "RFC 5280 §4.1.2.2", build: () => simple([], { serialHex: `00${"ab".repeat(20)}` }), status: "Valid", openssl: "OK" },

  // CRLs (§5, §6.3.3)
  { id: "CRL with a CRL number", rule: "RFC 5280 §5.2.3", build: () => withCrl("normal"), status: "Valid", openssl: "OK" },
  { id: "CRL without a CRL number", rule: "RFC 5280 §5.2.3", build: () => withCrl("none"), status: "RevocationCheckFailure", code: "ERR_REVOCATION_UNAVAILABLE", openssl: "OK", differs: "OpenSSL uses CRLs without a CRL number" },
  { id: "CRL with a critical CRL number", rule: "RFC 5280 §5.2.3", build: () => withCrl("critical"), status: "RevocationCheckFailure", code: "ERR_REVOCATION_UNAVAILABLE", openssl: "FAIL" },
  {
    id: "CRL issuer without cRLSign",
    rule: "RFC 5280 §6.3.3(f)",
    build: async () => {
      const r = await rootWith(async (k) => [basicConstraints(true), keyUsage(KU.keyCertSign), await ski(k)]);
      return { ...r, crls: [await crl(r.anchors[0]!, [])] };
    },
    status: "RevocationCheckFailure",
    code: "ERR_REVOCATION_UNAVAILABLE",
    openssl: "FAIL",
  },
  {
    id: "leaf's serial on another issuer's CRL",
    rule: "RFC 5280 §6.3.3",
    build: async () => {
      const f = await simple();
      const other = await root("CN=Other Root");
      const serial = f.leaf.certificate.serialNumber;
      return { ...f, anchors: [...f.anchors, other], crls: [await crl(f.anchors[0]!, []), await crl(other, [{ serialNumber: serial, revocationDate: new Date("2026-01-01T00:00:00Z") }])] };
    },
    status: "Valid",
    openssl: "OK",
  },

  // Bounded path building
  { id: "40 same-subject intermediates with different keys, none the issuer", rule: "RFC 4158 §2.4", build: () => pool(false), status: "Invalid", code: "ERR_PATH_BUDGET", openssl: "FAIL" },
  { id: "the same pool plus the real issuer", rule: "RFC 4158 §2.4", build: () => pool(true), status: "Valid", openssl: "OK" },
  {
    id: "1,100 constraints × 1,100 names",
    rule: "RFC 5280 §4.2.1.10",
    build: async () => {
      const names = Array.from({ length: 1100 }, (_, i) => gn.dns(`host${i}.contoso.com`));
      const permitted = Array.from({ length: 1100 }, (_, i) => gn.dns(`zone${i}.fabrikam.com`));
      return constrainedRoot([...permitted, gn.dns("contoso.com")], [], { sanNames: names });
    },
    status: "Invalid",
    code: "ERR_PATH_BUDGET",
    openssl: "FAIL",
  },
];

async function withCrl(number: "normal" | "none" | "critical"): Promise<Fixture> {
  const f = await simple();
  return { ...f, crls: [await crl(f.anchors[0]!, [], number)] };
}

/** A pool of 40 CAs named like the leaf's issuer, each signed by another pool key; optionally the real issuer too. */
async function pool(withIssuer: boolean): Promise<Fixture> {
  const r = await root("CN=Pool Root");
  const subject = "CN=Pool CA";
  const keys = await Promise.all(Array.from({ length: 40 }, () => newKeys()));
  const signerOf = (i: number): IssuedCertificate => ({ certificate: r.certificate, keys: keys[(i + 1) % keys.length]! });
  const members = await Promise.all(keys.map(async (k, i) => make({ subject, issuerName: subject, keys: k, extensions: [basicConstraints(true), keyUsage(KU.keyCertSign), await ski(k), await aki(signerOf(i).keys)] }, signerOf(i))));
  const realIssuer = await intermediate(r, subject);
  const outsider = { certificate: realIssuer.certificate, keys: withIssuer ? realIssuer.keys : await newKeys() };
  return { leaf: await leaf(outsider), intermediates: [...members, ...(withIssuer ? [realIssuer] : [])], anchors: [r] };
}

const pem = (c: IssuedCertificate): string => `${c.certificate.toString("pem")}\n`;
const tally = { agreed: 0, total: 0, differs: [] as string[] };

async function run(c: Case): Promise<{ status: string; problems: { code: string; reference: string }[]; openssl: "OK" | "FAIL"; opensslSays: string }> {
  const f = await c.build();
  const dir = mkdtempSync(path.join(tmpdir(), "certconsole-hostile-"));
  const write = (name: string, body: string): string => {
    writeFileSync(path.join(dir, name), body);
    return path.join(dir, name);
  };
  const leafFile = write("leaf.pem", pem(f.leaf));
  const anchors = write("anchors.pem", f.anchors.map(pem).join(""));
  const inter = f.intermediates?.length ? write("inter.pem", f.intermediates.map(pem).join("")) : null;
  const crls = (f.crls ?? []).map((body, i) => write(`crl${i}.pem`, body));
  const out: string[] = [];
  const args = ["verify", leafFile, "--trust", anchors, ...(inter ? ["--untrusted", inter] : []), ...crls.flatMap((p) => ["--crl", p]), ...(crls.length ? [] : ["--no-revocation"]), "--at", AT.toISOString(), "--offline", "--json"];
  await main(args, { out: (t) => out.push(t), err: (t) => out.push(t) });
  const json = JSON.parse(out.join("\n")) as { status: string; problems: { code: string; reference: string }[] };
  const allCrls = crls.length ? write("crls.pem", (f.crls ?? []).join("")) : null;
  const ossl = spawnSync("openssl", ["verify", "-x509_strict", "-attime", String(AT.getTime() / 1000), "-CAfile", anchors, ...(inter ? ["-untrusted", inter] : []), ...(allCrls ? ["-crl_check", "-CRLfile", allCrls] : []), leafFile], { encoding: "utf8", timeout: 60_000 });
  return { status: json.status, problems: json.problems, openssl: ossl.status === 0 ? "OK" : "FAIL", opensslSays: `${ossl.stdout}${ossl.stderr}`.trim() };
}

describe("RFC 5280 hostile chains via certctl verify, cross-checked with openssl verify -x509_strict", () => {
  test.each(cases)("$id → $status", async (c) => {
    const got = await run(c);
    expect(got.status, JSON.stringify(got.problems)).toBe(c.status);
    if (c.code) expect(got.problems).toContainEqual(expect.objectContaining({ code: c.code, reference: expect.stringMatching(/^RFC \d+ §/) }));
    expect(got.openssl, `openssl verify -x509_strict verdict as recorded in the table (openssl said: ${got.opensslSays})`).toBe(c.openssl);
    expect((c.status === "Valid") === (c.openssl === "OK") || c.differs !== undefined, "a disagreement with OpenSSL must say why").toBe(true);
    tally.total += 1;
    if ((c.status === "Valid") === (c.openssl === "OK")) tally.agreed += 1;
    else tally.differs.push(`${c.id}: ours ${c.status}, openssl ${c.openssl} — ${c.differs}`);
  }, 60_000);

  afterAll(() => {
    const bad = cases.filter((c) => c.status !== "Valid");
    const good = cases.filter((c) => c.status === "Valid");
    console.log(
      [
        `hostile cases run: ${tally.total} (${bad.length} that must be rejected, ${good.length} valid twins)`,
        `must-reject rows: certctl rejects ${bad.length}, openssl -x509_strict rejects ${bad.filter((c) => c.openssl === "FAIL").length}`,
        `valid twins: certctl accepts ${good.length}, openssl -x509_strict accepts ${good.filter((c) => c.openssl === "OK").length}`,
        `same verdict as openssl: ${tally.agreed}/${tally.total}`,
        ...tally.differs.map((d) => `  differs: ${d}`),
      ].join("\n"),
    );
  });
});
