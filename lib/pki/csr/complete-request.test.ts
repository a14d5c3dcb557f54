import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { makeTestPki, openssl, bytesOf } from "../formats/__fixtures__/openssl";
import { completeRequest, findRequestAnswer } from "./complete-request";
import { generateCertificateRequest } from "./csr";
import { thumbprint } from "../certificate/thumbprint";
import { parsePem } from "../formats/pem";

describe("completeRequest", async () => {
  const pki = makeTestPki();
  const dir = pki.dir;
  const request = await generateCertificateRequest({ subject: "C=US,O=Contoso,CN=mail.contoso.com", domains: ["autodiscover.contoso.com"] });
  writeFileSync(path.join(dir, "pending.csr"), request.csrPem);
  // The CA (openssl, our intermediate) issues the certificate for the pending request.
  openssl(["x509", "-req", "-in", "pending.csr", "-CA", "inter.pem", "-CAkey", "inter.key", "-set_serial", "77", "-days", "30", "-sha256", "-copy_extensions", "copy", "-out", "issued.pem"], dir);
  openssl(["x509", "-in", "issued.pem", "-outform", "DER", "-out", "issued.cer"], dir);
  openssl(["crl2pkcs7", "-nocrl", "-certfile", "issued.pem", "-certfile", "inter.pem", "-certfile", "root.pem", "-out", "answer.p7b", "-outform", "DER"], dir);
  openssl(["crl2pkcs7", "-nocrl", "-certfile", "root.pem", "-certfile", "issued.pem", "-certfile", "inter.pem", "-out", "answer-pem.p7b"], dir);
  writeFileSync(path.join(dir, "bundle.pem"), readFileSync(path.join(dir, "root.pem"), "latin1") + readFileSync(path.join(dir, "issued.pem"), "latin1") + readFileSync(path.join(dir, "inter.pem"), "latin1"));
  const issuedThumb = thumbprint(parsePem(readFileSync(path.join(dir, "issued.pem"), "latin1"))[0]!.der);
  const interThumb = thumbprint(parsePem(readFileSync(pki.interCert, "latin1"))[0]!.der);
  const rootThumb = thumbprint(parsePem(readFileSync(pki.rootCert, "latin1"))[0]!.der);

  test.each([
    ["PEM certificate", "issued.pem", 0],
    ["DER certificate", "issued.cer", 0],
    ["PKCS#7 DER with chain", "answer.p7b", 2],
    ["PKCS#7 PEM with chain, shuffled", "answer-pem.p7b", 2],
    ["PEM bundle, shuffled", "bundle.pem", 2],
  ])("%s is paired with the request by public key", async (_label, file, chainLength) => {
    for (const by of [{ csrDer: request.csrDer }, { requestSpkiSha256: request.spkiSha256 }]) {
      const done = (await completeRequest({ ...by, answerBytes: bytesOf(path.join(dir, file)) }));
      expect(done.certificate.thumbprint).toBe(issuedThumb);
      expect(done.chain.map((c) => c.thumbprint)).toEqual([interThumb, rootThumb].slice(0, chainLength));
    }
  });

  test("an answer issued for another key is refused with ERR_REQUEST_KEY_MISMATCH", async () => {
    await expect(completeRequest({ csrDer: request.csrDer, answerBytes: bytesOf(pki.leafCert) })).rejects.toThrowError(
      expect.objectContaining({ code: "ERR_REQUEST_KEY_MISMATCH", message: expect.stringContaining("CN=mail.contoso.com, OU=IT") }),
    );
    expect((await findRequestAnswer({ requestSpkiSha256: request.spkiSha256, answerBytes: bytesOf(pki.chainPem) }))).toBeNull();
  });

  test.each([["P-256"], ["P-384"]] as const)("an ECDSA %s request is completed too", async (curve) => {
    const ec = await generateCertificateRequest({ subject: "C=US,O=Contoso,CN=ec.contoso.com", curve });
    writeFileSync(path.join(dir, `ec-${curve}.csr`), ec.csrPem);
    openssl(["x509", "-req", "-in", `ec-${curve}.csr`, "-CA", "inter.pem", "-CAkey", "inter.key", "-set_serial", "78", "-days", "30", "-sha256", "-out", `ec-${curve}.pem`], dir);
    const done = (await completeRequest({ requestSpkiSha256: ec.spkiSha256, answerBytes: bytesOf(path.join(dir, `ec-${curve}.pem`)) }));
    expect(done.certificate.thumbprint).toBe(thumbprint(parsePem(readFileSync(path.join(dir, `ec-${curve}.pem`), "latin1"))[0]!.der));
    await expect(completeRequest({ requestSpkiSha256: request.spkiSha256, answerBytes: bytesOf(path.join(dir, `ec-${curve}.pem`)) })).rejects.toThrowError(expect.objectContaining({ code: "ERR_REQUEST_KEY_MISMATCH" }));
  });

  test("a request file given as the answer is refused clearly", async () => {
    await expect(completeRequest({ csrDer: request.csrDer, answerBytes: request.csrDer })).rejects.toThrowError(expect.objectContaining({ code: "ERR_ANSWER_NO_CERTIFICATE" }));
  });
});
