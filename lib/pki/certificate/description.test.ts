import { readdirSync } from "node:fs";
import { X509Certificate } from "node:crypto";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { bytesOf, makeTestPki, openssl } from "../formats/__fixtures__/openssl";
import { describeCertificate } from "./description";
import { renderExchangeListView } from "../exchange/list-view";
import { readBundle } from "../formats/read-bundle";

const PKITS = "/usr/lib/python3/dist-packages/cryptography_vectors/x509/PKITS_data/certs";

describe("describeCertificate", async () => {
  const pki = makeTestPki();
  const leaf = (await readBundle(bytesOf(pki.leafCert))).certificates[0]!.der;
  const root = (await readBundle(bytesOf(pki.rootCert))).certificates[0]!.der;
  const inter = (await readBundle(bytesOf(pki.interCert))).certificates[0]!.der;

  test("an Exchange leaf: every Get-ExchangeCertificate field", async () => {
    const d = describeCertificate(leaf);
    const fp = openssl(["x509", "-in", pki.leafCert, "-noout", "-fingerprint", "-sha1"], pki.dir).trim().split("=")[1]!.replace(/:/g, "");
    const fp256 = openssl(["x509", "-in", pki.leafCert, "-noout", "-fingerprint", "-sha256"], pki.dir).trim().split("=")[1]!.replace(/:/g, "");
    expect(d).toMatchObject({
      Thumbprint: fp,
      Sha256: fp256,
      Subject: "CN=mail.contoso.com, OU=IT, O=Contoso, L=Redmond, S=WA, C=US",
      Issuer: "CN=Contoso Issuing CA, O=Contoso, C=US",
      CertificateDomains: ["mail.contoso.com", "autodiscover.contoso.com", "owa.contoso.com"],
      SerialNumber: "0A1B2C3D4E5F",
      PublicKeySize: 2048,
      KeyAlgorithm: "RSA",
      SignatureAlgorithm: "sha256RSA",
      EnhancedKeyUsageList: ["Server Authentication (1.3.6.1.5.5.7.3.1)", "Client Authentication (1.3.6.1.5.5.7.3.2)"],
      IsSelfSigned: false,
      IsCa: false,
      KeyUsage: ["Digital Signature", "Key Encipherment"],
      BasicConstraints: { ca: false },
      AuthorityInformationAccess: { ocsp: ["http://ocsp.contoso.com"], caIssuers: ["http://pki.contoso.com/inter.crt"] },
    });
    expect(d.CrlDistributionPoints.map((p) => p.urls[0])).toEqual(["http://pki.contoso.com/inter.crl", "ldap:///CN=Contoso%20Issuing,CN=CDP,DC=contoso,DC=com?certificateRevocationList?base"]);
    const x = new X509Certificate(Buffer.from(leaf));
    expect(d.NotBefore.getTime()).toBe(new Date(x.validFrom).getTime());
    expect(d.NotAfter.getTime()).toBe(new Date(x.validTo).getTime());
    expect(d.SubjectKeyIdentifier).toMatch(/^[0-9A-F]{40}$/);
    expect(d.AuthorityKeyIdentifier).toBe(describeCertificate(inter).SubjectKeyIdentifier);
    expect(d.Extensions.map((e) => e.name)).toEqual(["Basic Constraints", "Key Usage", "Enhanced Key Usage", "Subject Alternative Name", "Subject Key Identifier", "Authority Key Identifier", "Authority Information Access", "CRL Distribution Points"]);
    expect(d.Extensions.find((e) => e.name === "Key Usage")!.critical).toBe(true);
  });

  test("a root is self-signed and a CA; the intermediate has a path length", async () => {
    expect(describeCertificate(root)).toMatchObject({ IsSelfSigned: true, IsCa: true });
    expect(describeCertificate(inter)).toMatchObject({ IsSelfSigned: false, IsCa: true, BasicConstraints: { ca: true, pathLength: 0 } });
  });

  test("the list view lines up the colon column and uses PowerShell formats", async () => {
    const text = renderExchangeListView(describeCertificate(leaf), { HasPrivateKey: true, RootCAType: "ThirdParty", Services: ["IIS", "SMTP"], Status: "Valid", FriendlyName: "Exchange SAN" });
    const lines = text.split("\n");
    expect(lines.map((l) => l.split(" : ")[0]!.trimEnd())).toEqual(["CertificateDomains", "EnhancedKeyUsageList", "FriendlyName", "HasPrivateKey", "IsSelfSigned", "Issuer", "NotAfter", "NotBefore", "PublicKeySize", "RootCAType", "SerialNumber", "Services", "SignatureAlgorithm", "Status", "Subject", "Thumbprint"]);
    expect(new Set(lines.map((l) => l.indexOf(" : "))).size).toBe(1);
    expect(text).toContain("Services             : IIS, SMTP");
    expect(text).toMatch(/NotAfter\s+: \d{1,2}\/\d{1,2}\/\d{4} \d{1,2}:\d\d:\d\d (AM|PM)/);
    expect(text).toContain("HasPrivateKey        : True");
  });

  test.each(readdirSync(PKITS).filter((f) => f.endsWith(".crt")).map((f) => [f]))("PKITS %s: thumbprint, serial and dates agree with node:crypto", async (file) => {
    const der = bytesOf(path.join(PKITS, file));
    const d = describeCertificate(der);
    const x = new X509Certificate(Buffer.from(der));
    expect(d.Thumbprint).toBe(x.fingerprint.replace(/:/g, ""));
    // Windows shows the serial's raw bytes; node prints a negative serial with a sign (PKITS test 15 has serial -1 = FF).
    expect(d.SerialNumber).toBe(x.serialNumber.startsWith("-") ? "FF" : x.serialNumber.replace(/^(00)+(?=.)/, ""));
    expect(d.NotAfter.getTime()).toBe(new Date(x.validTo).getTime());
    // node's .ca also requires keyCertSign when key usage is present; IsCa is basic constraints alone.
    const keyUsageForbidsCa = d.KeyUsage !== null && !d.KeyUsage.includes("Certificate Signing");
    expect(d.IsCa).toBe(x.ca || (keyUsageForbidsCa && d.BasicConstraints?.ca === true));
  });
});
