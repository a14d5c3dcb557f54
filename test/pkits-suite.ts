// NIST PKITS test table and input selection for lib/pki/path/pkits.test.ts (kept outside lib/pki: it reads files).
// Expected results come from each test's name (Valid…/Invalid…); the policy tests whose names carry no verdict
// are listed with the PKITS verdict for the default settings. Inputs are chosen the way a directory-backed path
// builder would find them (PKITS ships pkits.ldif for that): every CA certificate reachable from the end entity by
// issuer name, plus every CRL issued under one of those names (and under a CDP cRLIssuer name).
import "reflect-metadata";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { X509Certificate } from "@peculiar/x509";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { pathCertificate } from "@/lib/pki/certificate/certificate";
import { canonicalName } from "@/lib/pki/name/canonical-name";

/** Where Debian's python3-cryptography-vectors puts the PKITS data. */
export const PKITS_DIR = "/usr/lib/python3/dist-packages/cryptography_vectors/x509/PKITS_data";
export const PKITS_ANCHOR = path.join(PKITS_DIR, "certs", "TrustAnchorRootCertificate.crt");
/** A time inside the validity of every "valid" PKITS certificate (2010-01-01 … 2030-12-31). */
export const PKITS_TIME = "2020-06-01T00:00:00Z";

/** Sections that depend on revocation checking (CRLs). */
export const REVOCATION_SECTIONS = new Set(["4.4", "4.5", "4.7", "4.14", "4.15"]);
/** Sections that must agree 100% without the revocation engine. */
export const REQUIRED_SECTIONS = ["4.1", "4.2", "4.3", "4.6", "4.13"];
/** Revocation sections that must agree 100% once the revocation engine is there. */
export const REQUIRED_REVOCATION_SECTIONS = ["4.4", "4.5", "4.7"];

/** Tests left out, with the reason: they need a non-default user-initial-policy-set or policy flags. */
export const PKITS_EXCLUDED: Readonly<Record<string, string>> = {
  "4.8.1": "4.8.1.1–4.8.1.4 set initial-explicit-policy and/or a specific initial policy set (4.1.1 runs the same end entity with default settings)",
  "4.8.13": "4.8.13.1–3 need initial-policy-set = {NIST-test-policy-1|2|3}",
  "4.8.14": "4.8.14.1–2 need initial-policy-set = {NIST-test-policy-1|2}",
  "4.8.18": "4.8.18.1–2 need initial-policy-set = {NIST-test-policy-1|2}",
  "4.10.1": "4.10.1.1–3 need initial-policy-set = {NIST-test-policy-1|2} or initial-policy-mapping-inhibit",
  "4.10.3": "4.10.3.1–2 need initial-policy-set = {NIST-test-policy-1|2}",
  "4.10.4": "4.10.4 needs initial-policy-set = {NIST-test-policy-1}",
  "4.10.5": "4.10.5.1–2 need initial-policy-set = {NIST-test-policy-1|6}",
  "4.10.6": "4.10.6.1–2 need initial-policy-set = {NIST-test-policy-1|6}",
  "4.10.12": "4.10.12.1–2 need initial-policy-set = {NIST-test-policy-1|2}",
};

/** Verdicts (default settings) of the tests whose file names do not start with Valid/Invalid. */
const UNPREFIXED: Readonly<Record<string, "Valid" | "Invalid">> = {
  AllCertificatesNoPoliciesTest2: "Valid",
  DifferentPoliciesTest3: "Valid",
  DifferentPoliciesTest4: "Invalid",
  DifferentPoliciesTest5: "Invalid",
  OverlappingPoliciesTest6: "Valid",
  DifferentPoliciesTest7: "Invalid",
  DifferentPoliciesTest8: "Invalid",
  DifferentPoliciesTest9: "Invalid",
  AllCertificatesSamePoliciesTest10: "Valid",
  AllCertificatesanyPolicyTest11: "Valid",
  DifferentPoliciesTest12: "Invalid",
  UserNoticeQualifierTest15: "Valid",
  UserNoticeQualifierTest16: "Valid",
  UserNoticeQualifierTest17: "Valid",
  UserNoticeQualifierTest19: "Valid",
  CPSPointerQualifierTest20: "Valid",
  inhibitAnyPolicyTest3: "Valid",
};

/** Test names by section, in PKITS order (the test number is the name's trailing number). */
const SECTIONS: Readonly<Record<string, readonly string[]>> = {
  "4.1": ["ValidCertificatePathTest1", "InvalidCASignatureTest2", "InvalidEESignatureTest3", "ValidDSASignaturesTest4", "ValidDSAParameterInheritanceTest5", "InvalidDSASignatureTest6"],
  "4.2": ["InvalidCAnotBeforeDateTest1", "InvalidEEnotBeforeDateTest2", "Validpre2000UTCnotBeforeDateTest3", "ValidGeneralizedTimenotBeforeDateTest4", "InvalidCAnotAfterDateTest5", "InvalidEEnotAfterDateTest6", "Invalidpre2000UTCEEnotAfterDateTest7", "ValidGeneralizedTimenotAfterDateTest8"],
  "4.3": ["InvalidNameChainingTest1", "InvalidNameChainingOrderTest2", "ValidNameChainingWhitespaceTest3", "ValidNameChainingWhitespaceTest4", "ValidNameChainingCapitalizationTest5", "ValidNameUIDsTest6", "ValidRFC3280MandatoryAttributeTypesTest7", "ValidRFC3280OptionalAttributeTypesTest8", "ValidUTF8StringEncodedNamesTest9", "ValidRolloverfromPrintableStringtoUTF8StringTest10", "ValidUTF8StringCaseInsensitiveMatchTest11"],
  "4.4": ["InvalidMissingCRLTest1", "InvalidRevokedCATest2", "InvalidRevokedEETest3", "InvalidBadCRLSignatureTest4", "InvalidBadCRLIssuerNameTest5", "InvalidWrongCRLTest6", "ValidTwoCRLsTest7", "InvalidUnknownCRLEntryExtensionTest8", "InvalidUnknownCRLExtensionTest9", "InvalidUnknownCRLExtensionTest10", "InvalidOldCRLnextUpdateTest11", "Invalidpre2000CRLnextUpdateTest12", "ValidGeneralizedTimeCRLnextUpdateTest13", "ValidNegativeSerialNumberTest14", "InvalidNegativeSerialNumberTest15", "ValidLongSerialNumberTest16", "ValidLongSerialNumberTest17", "InvalidLongSerialNumberTest18", "ValidSeparateCertificateandCRLKeysTest19", "InvalidSeparateCertificateandCRLKeysTest20", "InvalidSeparateCertificateandCRLKeysTest21"],
  "4.5": ["ValidBasicSelfIssuedOldWithNewTest1", "InvalidBasicSelfIssuedOldWithNewTest2", "ValidBasicSelfIssuedNewWithOldTest3", "ValidBasicSelfIssuedNewWithOldTest4", "InvalidBasicSelfIssuedNewWithOldTest5", "ValidBasicSelfIssuedCRLSigningKeyTest6", "InvalidBasicSelfIssuedCRLSigningKeyTest7", "InvalidBasicSelfIssuedCRLSigningKeyTest8"],
  "4.6": ["InvalidMissingbasicConstraintsTest1", "InvalidcAFalseTest2", "InvalidcAFalseTest3", "ValidbasicConstraintsNotCriticalTest4", "InvalidpathLenConstraintTest5", "InvalidpathLenConstraintTest6", "ValidpathLenConstraintTest7", "ValidpathLenConstraintTest8", "InvalidpathLenConstraintTest9", "InvalidpathLenConstraintTest10", "InvalidpathLenConstraintTest11", "InvalidpathLenConstraintTest12", "ValidpathLenConstraintTest13", "ValidpathLenConstraintTest14", "ValidSelfIssuedpathLenConstraintTest15", "InvalidSelfIssuedpathLenConstraintTest16", "ValidSelfIssuedpathLenConstraintTest17"],
  "4.7": ["InvalidkeyUsageCriticalkeyCertSignFalseTest1", "InvalidkeyUsageNotCriticalkeyCertSignFalseTest2", "ValidkeyUsageNotCriticalTest3", "InvalidkeyUsageCriticalcRLSignFalseTest4", "InvalidkeyUsageNotCriticalcRLSignFalseTest5"],
  "4.8": ["ValidCertificatePathTest1", "AllCertificatesNoPoliciesTest2", "DifferentPoliciesTest3", "DifferentPoliciesTest4", "DifferentPoliciesTest5", "OverlappingPoliciesTest6", "DifferentPoliciesTest7", "DifferentPoliciesTest8", "DifferentPoliciesTest9", "AllCertificatesSamePoliciesTest10", "AllCertificatesanyPolicyTest11", "DifferentPoliciesTest12", "AllCertificatesSamePoliciesTest13", "AnyPolicyTest14", "UserNoticeQualifierTest15", "UserNoticeQualifierTest16", "UserNoticeQualifierTest17", "UserNoticeQualifierTest18", "UserNoticeQualifierTest19", "CPSPointerQualifierTest20"],
  "4.9": ["ValidrequireExplicitPolicyTest1", "ValidrequireExplicitPolicyTest2", "InvalidrequireExplicitPolicyTest3", "ValidrequireExplicitPolicyTest4", "InvalidrequireExplicitPolicyTest5", "ValidSelfIssuedrequireExplicitPolicyTest6", "InvalidSelfIssuedrequireExplicitPolicyTest7", "InvalidSelfIssuedrequireExplicitPolicyTest8"],
  "4.10": ["ValidPolicyMappingTest1", "InvalidPolicyMappingTest2", "ValidPolicyMappingTest3", "InvalidPolicyMappingTest4", "ValidPolicyMappingTest5", "ValidPolicyMappingTest6", "InvalidMappingFromanyPolicyTest7", "InvalidMappingToanyPolicyTest8", "ValidPolicyMappingTest9", "InvalidPolicyMappingTest10", "ValidPolicyMappingTest11", "ValidPolicyMappingTest12", "ValidPolicyMappingTest13", "ValidPolicyMappingTest14"],
  "4.11": ["InvalidinhibitPolicyMappingTest1", "ValidinhibitPolicyMappingTest2", "InvalidinhibitPolicyMappingTest3", "ValidinhibitPolicyMappingTest4", "InvalidinhibitPolicyMappingTest5", "InvalidinhibitPolicyMappingTest6", "ValidSelfIssuedinhibitPolicyMappingTest7", "InvalidSelfIssuedinhibitPolicyMappingTest8", "InvalidSelfIssuedinhibitPolicyMappingTest9", "InvalidSelfIssuedinhibitPolicyMappingTest10", "InvalidSelfIssuedinhibitPolicyMappingTest11"],
  "4.12": ["InvalidinhibitAnyPolicyTest1", "ValidinhibitAnyPolicyTest2", "inhibitAnyPolicyTest3", "InvalidinhibitAnyPolicyTest4", "InvalidinhibitAnyPolicyTest5", "InvalidinhibitAnyPolicyTest6", "ValidSelfIssuedinhibitAnyPolicyTest7", "InvalidSelfIssuedinhibitAnyPolicyTest8", "ValidSelfIssuedinhibitAnyPolicyTest9", "InvalidSelfIssuedinhibitAnyPolicyTest10"],
  "4.13": ["ValidDNnameConstraintsTest1", "InvalidDNnameConstraintsTest2", "InvalidDNnameConstraintsTest3", "ValidDNnameConstraintsTest4", "ValidDNnameConstraintsTest5", "ValidDNnameConstraintsTest6", "InvalidDNnameConstraintsTest7", "InvalidDNnameConstraintsTest8", "InvalidDNnameConstraintsTest9", "InvalidDNnameConstraintsTest10", "ValidDNnameConstraintsTest11", "InvalidDNnameConstraintsTest12", "InvalidDNnameConstraintsTest13", "ValidDNnameConstraintsTest14", "InvalidDNnameConstraintsTest15", "InvalidDNnameConstraintsTest16", "InvalidDNnameConstraintsTest17", "ValidDNnameConstraintsTest18", "ValidDNnameConstraintsTest19", "InvalidDNnameConstraintsTest20", "ValidRFC822nameConstraintsTest21", "InvalidRFC822nameConstraintsTest22", "ValidRFC822nameConstraintsTest23", "InvalidRFC822nameConstraintsTest24", "ValidRFC822nameConstraintsTest25", "InvalidRFC822nameConstraintsTest26", "ValidDNandRFC822nameConstraintsTest27", "InvalidDNandRFC822nameConstraintsTest28", "InvalidDNandRFC822nameConstraintsTest29", "ValidDNSnameConstraintsTest30", "InvalidDNSnameConstraintsTest31", "ValidDNSnameConstraintsTest32", "InvalidDNSnameConstraintsTest33", "ValidURInameConstraintsTest34", "InvalidURInameConstraintsTest35", "ValidURInameConstraintsTest36", "InvalidURInameConstraintsTest37", "InvalidDNSnameConstraintsTest38"],
  "4.14": ["ValiddistributionPointTest1", "InvaliddistributionPointTest2", "InvaliddistributionPointTest3", "ValiddistributionPointTest4", "ValiddistributionPointTest5", "InvaliddistributionPointTest6", "ValiddistributionPointTest7", "InvaliddistributionPointTest8", "InvaliddistributionPointTest9", "ValidNoissuingDistributionPointTest10", "InvalidonlyContainsUserCertsTest11", "InvalidonlyContainsCACertsTest12", "ValidonlyContainsCACertsTest13", "InvalidonlyContainsAttributeCertsTest14", "InvalidonlySomeReasonsTest15", "InvalidonlySomeReasonsTest16", "InvalidonlySomeReasonsTest17", "ValidonlySomeReasonsTest18", "ValidonlySomeReasonsTest19", "InvalidonlySomeReasonsTest20", "InvalidonlySomeReasonsTest21", "ValidIDPwithindirectCRLTest22", "InvalidIDPwithindirectCRLTest23", "ValidIDPwithindirectCRLTest24", "ValidIDPwithindirectCRLTest25", "InvalidIDPwithindirectCRLTest26", "InvalidcRLIssuerTest27", "ValidcRLIssuerTest28", "ValidcRLIssuerTest29", "ValidcRLIssuerTest30", "InvalidcRLIssuerTest31", "InvalidcRLIssuerTest32", "ValidcRLIssuerTest33", "InvalidcRLIssuerTest34", "InvalidcRLIssuerTest35"],
  "4.15": ["InvaliddeltaCRLIndicatorNoBaseTest1", "ValiddeltaCRLTest2", "InvaliddeltaCRLTest3", "InvaliddeltaCRLTest4", "ValiddeltaCRLTest5", "InvaliddeltaCRLTest6", "ValiddeltaCRLTest7", "ValiddeltaCRLTest8", "InvaliddeltaCRLTest9", "InvaliddeltaCRLTest10"],
  "4.16": ["ValidUnknownNotCriticalCertificateExtensionTest1", "InvalidUnknownCriticalCertificateExtensionTest2"],
};

/** One PKITS case with its inputs. */
export interface PkitsCase {
  id: string;
  section: string;
  name: string;
  expected: "Valid" | "Invalid";
  leaf: string;
  caFiles: string[];
  crlFiles: string[];
  needsRevocation: boolean;
}

interface Indexed {
  file: string;
  subject: string;
  issuer: string;
}

let index: { certs: Indexed[]; crls: Indexed[]; crlIssuerNames: Map<string, string[]> } | null = null;

// cRLIssuer names of the CRL distribution points, read with asn1js (pkijs drops distribution points whose name is
// nameRelativeToCRLIssuer): DistributionPoint ::= SEQUENCE { [0] name, [1] reasons, [2] cRLIssuer GeneralNames }.
function cdpCrlIssuers(cert: pkijs.Certificate): string[] {
  const ext = cert.extensions?.find((e) => e.extnID === "2.5.29.31");
  if (!ext) return [];
  const parsed = asn1js.fromBER(ext.extnValue.valueBlock.valueHexView);
  if (!(parsed.result instanceof asn1js.Sequence)) return [];
  const names: string[] = [];
  for (const dp of parsed.result.valueBlock.value) {
    if (!(dp instanceof asn1js.Sequence)) continue;
    for (const field of dp.valueBlock.value) {
      if (field.idBlock.tagClass !== 3 || field.idBlock.tagNumber !== 2) continue;
      for (const general of (field as asn1js.Constructed).valueBlock.value) {
        const inner = (general as asn1js.Constructed).valueBlock.value?.[0];
        if (general.idBlock.tagNumber === 4 && inner) names.push(canonicalName(new pkijs.RelativeDistinguishedNames({ schema: inner })).key);
      }
    }
  }
  return names;
}

function loadIndex(): NonNullable<typeof index> {
  if (index) return index;
  const certDir = path.join(PKITS_DIR, "certs");
  const crlDir = path.join(PKITS_DIR, "crls");
  const crlIssuerNames = new Map<string, string[]>();
  const certs = readdirSync(certDir)
    .filter((f) => f.endsWith(".crt"))
    .map((f) => {
      const file = path.join(certDir, f);
      const der = readFileSync(file);
      const c = pathCertificate(new X509Certificate(der));
      crlIssuerNames.set(file, cdpCrlIssuers(pkijs.Certificate.fromBER(der)));
      return { file, subject: c.subject.key, issuer: c.issuer.key };
    });
  const crls = readdirSync(crlDir)
    .filter((f) => f.endsWith(".crl"))
    .map((f) => {
      const file = path.join(crlDir, f);
      const crl = pkijs.CertificateRevocationList.fromBER(readFileSync(file));
      return { file, subject: "", issuer: canonicalName(crl.issuer).key };
    });
  index = { certs, crls, crlIssuerNames };
  return index;
}

const isEndEntity = (file: string): boolean => /Test\d+EE\.crt$/.test(file);

/** Selects the CA certificates and CRLs of one test from the PKITS data. */
export function pkitsInputs(testName: string): { leaf: string; caFiles: string[]; crlFiles: string[] } {
  const { certs, crls, crlIssuerNames } = loadIndex();
  const leaf = path.join(PKITS_DIR, "certs", `${testName}EE.crt`);
  const leafEntry = certs.find((c) => c.file === leaf);
  if (!leafEntry) throw new Error(`PKITS end entity ${leaf} not found`);
  const cas = certs.filter((c) => !isEndEntity(c.file) && c.file !== PKITS_ANCHOR);
  const chosen = new Set<Indexed>();
  const names = new Set<string>();
  const wanted = [leafEntry.issuer, ...(crlIssuerNames.get(leaf) ?? [])];
  while (wanted.length > 0) {
    const name = wanted.pop()!;
    if (names.has(name)) continue;
    names.add(name);
    for (const ca of cas.filter((c) => c.subject === name && !chosen.has(c))) {
      chosen.add(ca);
      wanted.push(ca.issuer, ...(crlIssuerNames.get(ca.file) ?? []));
    }
  }
  const anchorSubject = certs.find((c) => c.file === PKITS_ANCHOR)!.subject;
  names.add(anchorSubject);
  return {
    leaf,
    caFiles: [...chosen].map((c) => c.file).sort(),
    crlFiles: crls.filter((crl) => names.has(crl.issuer)).map((crl) => crl.file).sort(),
  };
}

/** Every default-input PKITS case (exclusions in {@link PKITS_EXCLUDED}). */
export function pkitsCases(): PkitsCase[] {
  const cases: PkitsCase[] = [];
  for (const [section, names] of Object.entries(SECTIONS)) {
    names.forEach((name, i) => {
      const id = `${section}.${i + 1}`;
      if (PKITS_EXCLUDED[id]) return;
      const expected = name.startsWith("Valid") ? "Valid" : name.startsWith("Invalid") ? "Invalid" : UNPREFIXED[name];
      if (!expected) throw new Error(`no verdict for PKITS ${id} ${name}`);
      cases.push({ id, section, name, expected, ...pkitsInputs(name), needsRevocation: REVOCATION_SECTIONS.has(section) });
    });
  }
  return cases;
}

/**
 * The cross-check: `openssl verify -crl_check_all -use_deltas -extended_crl` on the same inputs at the same time.
 * Returns "OK" or openssl's first error line.
 */
export function opensslVerdict(c: Pick<PkitsCase, "leaf" | "caFiles" | "crlFiles">): string {
  const dir = mkdtempSync(path.join(tmpdir(), "pkits-openssl-"));
  const pem = (files: string[], kind: "x509" | "crl") => files.map((f) => execFileSync("openssl", [kind, "-inform", "DER", "-in", f], { encoding: "utf8" })).join("");
  writeFileSync(path.join(dir, "anchor.pem"), pem([PKITS_ANCHOR], "x509"));
  writeFileSync(path.join(dir, "cas.pem"), pem(c.caFiles, "x509"));
  writeFileSync(path.join(dir, "crls.pem"), pem(c.crlFiles, "crl"));
  writeFileSync(path.join(dir, "leaf.pem"), pem([c.leaf], "x509"));
  const args = ["verify", "-attime", String(Date.parse(PKITS_TIME) / 1000), "-crl_check_all", "-use_deltas", "-extended_crl", "-CAfile", path.join(dir, "anchor.pem")];
  if (c.caFiles.length > 0) args.push("-untrusted", path.join(dir, "cas.pem"));
  if (c.crlFiles.length > 0) args.push("-CRLfile", path.join(dir, "crls.pem"));
  const result = spawnSync("openssl", [...args, path.join(dir, "leaf.pem")], { encoding: "utf8" });
  if (result.status === 0) return "OK";
  return (`${result.stdout}\n${result.stderr}`.split("\n").find((line) => /^error \d+/.test(line)) ?? "failed").trim();
}
