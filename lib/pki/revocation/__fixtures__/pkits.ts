// Test helper: loads NIST PKITS (python3-cryptography-vectors) and builds each test's path by name and
// signature (no policy/constraint processing — that is path validation's job), so the revocation checker
// can be run over every non-anchor certificate. Used only by tests.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { X509Certificate } from "@peculiar/x509";
import { certFacts } from "../cert-info";
import { effectiveSpki } from "../crl-signer";
import { verifySignature } from "../signature";
import { readAlgorithm } from "../crl-stream";
import { readDerTlv } from "../../asn1/der";

export const PKITS_DIR = "/usr/lib/python3/dist-packages/cryptography_vectors/x509/PKITS_data";

/** PKITS revocation sections by test-name pattern. */
export const SECTIONS: Record<string, RegExp> = {
  // 4.1.4–6: CRLs signed with DSA, one by a key that inherits its DSA parameters from its issuer.
  "4.1": /DSA/,
  "4.4": /MissingCRL|RevokedCA|RevokedEE|BadCRLSignature|BadCRLIssuerName|WrongCRL|TwoCRLs|UnknownCRLEntryExtension|UnknownCRLExtension|OldCRLnextUpdate|pre2000CRLnextUpdate|GeneralizedTimeCRLnextUpdate|NegativeSerialNumber|LongSerialNumber|SeparateCertificateandCRLKeys/,
  "4.5": /BasicSelfIssued(OldWithNew|NewWithOld|CRLSigningKey)/,
  "4.7": /keyUsage\w*cRLSign/,
  "4.14": /distributionPoint|NoissuingDistributionPoint|onlyContains|onlySomeReasons|IDPwithindirectCRL|cRLIssuer/,
  "4.15": /deltaCRL/,
};

export interface PkitsData {
  certs: Map<string, X509Certificate>;
  crls: Map<string, Uint8Array>;
  anchor: X509Certificate;
}

let data: PkitsData | null = null;

export function loadPkits(): PkitsData {
  if (data) return data;
  const certs = new Map<string, X509Certificate>();
  for (const f of readdirSync(path.join(PKITS_DIR, "certs"))) certs.set(f.replace(/\.crt$/, ""), new X509Certificate(readFileSync(path.join(PKITS_DIR, "certs", f))));
  const crls = new Map<string, Uint8Array>();
  for (const f of readdirSync(path.join(PKITS_DIR, "crls"))) crls.set(f.replace(/\.crl$/, ""), new Uint8Array(readFileSync(path.join(PKITS_DIR, "crls", f))));
  data = { certs, crls, anchor: certs.get("TrustAnchorRootCertificate")! };
  return data;
}

/** The revocation test cases: name, section, expected validity. */
export function pkitsCases(): { name: string; section: string; valid: boolean }[] {
  const { certs } = loadPkits();
  const out: { name: string; section: string; valid: boolean }[] = [];
  for (const name of certs.keys()) {
    if (!/^(Valid|Invalid).*Test\d+EE$/.test(name)) continue;
    const section = Object.entries(SECTIONS).find(([, re]) => re.test(name))?.[0];
    if (section) out.push({ name, section, valid: name.startsWith("Valid") });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

/** Builds leaf → … → anchor by issuer name and signature, preferring intermediates over the anchor only when they verify. */
export async function buildPath(leafName: string): Promise<X509Certificate[]> {
  const { certs, anchor } = loadPkits();
  const pool = [...certs.entries()].filter(([n]) => !/Test\d+EE$/.test(n) || n === leafName).map(([, c]) => c);
  const pathOut = [certs.get(leafName)!];
  for (let guard = 0; guard < 10; guard++) {
    const cur = pathOut[pathOut.length - 1]!;
    if (cur === anchor) return pathOut;
    const f = certFacts(cur);
    let next: X509Certificate | undefined;
    const named = pool.filter((c) => !pathOut.includes(c) && certFacts(c).subjectCanonical === f.issuerCanonical);
    const facts = pool.map(certFacts);
    for (const c of named) {
      const spki = effectiveSpki(certFacts(c), facts);
      if (await verifySignature(readAlgorithm(f.signatureAlgorithm, readDerTlv(f.signatureAlgorithm, 0)), spki, f.tbs, f.signature)) {
        next = c;
        break;
      }
    }
    // A certificate with a bad signature (PKITS 4.1.6) still gets a path by name: rejecting it is path validation's job.
    next ??= named[0];
    if (!next) throw new Error(`no issuer for ${cur.subject}`);
    pathOut.push(next);
  }
  throw new Error("path too long");
}
