import { beforeAll, describe, expect, test } from "vitest";
import { certFacts } from "./cert-info";
import { buildOcspRequest, ocspGetUrl } from "./ocsp-request";
import { describeOcspRequest, makeLab, type Lab } from "./__fixtures__/openssl-lab";

describe("buildOcspRequest", () => {
  let lab: Lab;
  beforeAll(() => {
    lab = makeLab();
  });

  test.each([{ useNonce: false }, { useNonce: true }])("openssl reads it back (nonce: $useNonce)", async ({ useNonce }) => {
    const req = await buildOcspRequest(certFacts(lab.leaves.get("1002")!), certFacts(lab.ca), { useNonce });
    const text = describeOcspRequest(lab, req.der);
    expect(text).toContain("Hash Algorithm: sha1");
    expect(text).toContain("Serial Number: 1002");
    expect(text.includes("OCSP Nonce")).toBe(useNonce);
    expect(req.nonce?.length).toBe(useNonce ? 16 : undefined);
    expect(req.certId.issuerKeyHash.length).toBe(20);
  });

  test("GET form: base64 then URL-encoded, appended after a slash (RFC 6960 appendix A)", async () => {
    const req = await buildOcspRequest(certFacts(lab.leaves.get("1001")!), certFacts(lab.ca));
    const url = ocspGetUrl("http://ocsp.lab.test", req.der);
    const encoded = url.slice("http://ocsp.lab.test/".length);
    expect(encoded).not.toMatch(/[+/=]/);
    const back = Uint8Array.from(atob(decodeURIComponent(encoded)), (c) => c.charCodeAt(0));
    expect(back).toEqual(req.der);
    expect(ocspGetUrl("http://ocsp.lab.test/", req.der)).toBe(url);
  });
});
