import { beforeAll, describe, expect, test } from "vitest";
import { isPkiError } from "../errors";
import { KEY_USAGE, certFacts, certFactsFromDer } from "./cert-info";
import { CRL_URL, OCSP_URL, makeLab, type Lab } from "./__fixtures__/openssl-lab";
import { loadPkits } from "./__fixtures__/pkits";

describe("certFacts", () => {
  let lab: Lab;
  beforeAll(() => {
    lab = makeLab();
  });

  test("openssl leaf: serial, CDP URL, OCSP URL, not a CA, issuer = CA subject", () => {
    const leaf = certFacts(lab.leaves.get("1002")!);
    const ca = certFacts(lab.ca);
    expect(leaf.serialHex).toBe("1002");
    expect(leaf.ocspUrls).toEqual([OCSP_URL]);
    expect(leaf.distributionPoints?.[0]?.name?.fullName).toEqual([{ type: "uri", value: CRL_URL }]);
    expect(leaf.isCA).toBe(false);
    expect(leaf.issuerCanonical).toBe(ca.subjectCanonical);
    expect(ca.isCA).toBe(true);
    expect(ca.keyUsage! & KEY_USAGE.cRLSign).toBeTruthy();
    expect(certFacts(lab.noCrlSignCa).keyUsage! & KEY_USAGE.cRLSign).toBe(0);
    expect(certFacts(lab.leafWithoutUrls).distributionPoints).toBeNull();
  });

  test("delegated responder: OCSPSigning EKU and id-pkix-ocsp-nocheck", () => {
    const r = certFacts(lab.responder);
    expect(r.extKeyUsages).toContain("1.3.6.1.5.5.7.3.9");
    expect(r.ocspNoCheck).toBe(true);
    expect(certFacts(lab.rogueResponder).extKeyUsages).toEqual([]);
  });

  test("PKITS cRLIssuer and reasons in distribution points", () => {
    const { certs } = loadPkits();
    const dp = certFacts(certs.get("ValidonlySomeReasonsTest19EE")!).distributionPoints!;
    expect(dp.map((d) => d.reasons)).toEqual([6, 505]);
    expect(certFacts(certs.get("ValidcRLIssuerTest30EE")!).distributionPoints![0]!.cRLIssuer?.[0]?.type).toBe("directoryName");
  });

  test("garbage → ERR_CERT_MALFORMED", () => {
    let error: unknown;
    try {
      certFactsFromDer(new Uint8Array([0x30, 3, 1, 2, 3]));
    } catch (e) {
      error = e;
    }
    expect(isPkiError(error, "ERR_CERT_MALFORMED")).toBe(true);
  });
});
