/**
 * The whole online lab in one call, for the revocation integration tests, the lead's end-to-end tests and the
 * demo seed: a CRL/AIA HTTP server, a forward proxy, slapd, two real `openssl ocsp` responders (signed by the
 * issuing CA, and by a delegated responder certificate), and an openssl lab PKI whose leaves point at them.
 * Everything listens on 127.0.0.1 (openssl ocsp binds all interfaces) on ephemeral ports; `stop()` ends all.
 */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startCrlServer, type CrlServer } from "./crl-server";
import { closedPortUrl, startForwardProxy, type ForwardProxy } from "./forward-proxy";
import { createLabPki, type LabCert, type LabPki } from "./lab-pki";
import { startLdapServer, type LdapServer } from "./ldap-server";
import { startOcspResponder, type OcspResponder } from "./ocsp-responder";

/** The leaves of the lab, by the case they exercise. */
export const LAB_LEAVES = [
  "good", // OCSP (issuing CA signs) + CDP; not revoked
  "revoked-crl", // CDP only; revoked keyCompromise
  "revoked-ocsp", // OCSP + CDP; revoked superseded
  "ocsp-unknown", // OCSP + CDP; hidden from the OCSP index → unknown, CRL says good
  "delegated", // OCSP at the delegated responder only
  "unreachable", // CDP on a closed port
  "stale", // CDP serving a CRL past its nextUpdate
  "bad-signature", // CDP serving a CRL with a broken signature
  "metadata", // CDP at http://169.254.169.254/
  "ldap", // CDP ldap:// on slapd
  "bypassed", // CDP at http://localhost:PORT (for <local>/localhost bypass entries)
  "no-urls", // neither CDP nor OCSP
] as const;
export type LabLeafName = (typeof LAB_LEAVES)[number];

export interface Lab {
  pki: LabPki;
  crlServer: CrlServer;
  proxy: ForwardProxy;
  ldap: LdapServer;
  ocsp: OcspResponder;
  ocspDelegated: OcspResponder;
  /** A URL on a closed port (unreachable host / wrong proxy). */
  closedUrl: string;
  leaves: Record<LabLeafName, LabCert>;
  /** Directory holding root.pem, issuing.pem and one <leaf>.pem per leaf. */
  certDir: string;
  stop(): Promise<void>;
}

/** Starts every server, builds the PKI and publishes its CRLs. */
export async function startLab(): Promise<Lab> {
  const webDir = mkdtempSync(path.join(tmpdir(), "certconsole-web-"));
  const started: Array<{ stop(): Promise<void> }> = [];
  try {
    const crlServer = await startCrlServer({ dir: webDir });
    started.push(crlServer);
    const proxy = await startForwardProxy();
    started.push(proxy);
    const ldap = await startLdapServer();
    started.push(ldap);
    const closedUrl = await closedPortUrl();
    const web = crlServer.url;
    const pki = createLabPki({ issuingUrls: { cdp: [`${web}/root.crl`], caIssuers: [`${web}/root.cer`] } });
    started.push({ stop: async () => pki.cleanup() });
    const responder = (signer: LabCert) => startOcspResponder({ index: pki.ocspIndexPath, caCert: pki.issuing.certPath, signerCert: signer.certPath, signerKey: signer.keyPath });
    const ocsp = await responder(pki.issuing);
    started.push(ocsp);
    const ocspDelegated = await responder(pki.ocspSigner);
    started.push(ocspDelegated);

    const aia = [`${web}/issuing.cer`];
    const cdp = [`${web}/issuing.crl`];
    const urls: Record<LabLeafName, Parameters<LabPki["issueLeaf"]>[1]> = {
      good: { cdp, ocsp: [ocsp.url], caIssuers: aia },
      "revoked-crl": { cdp, caIssuers: aia },
      "revoked-ocsp": { cdp, ocsp: [ocsp.url], caIssuers: aia },
      "ocsp-unknown": { cdp, ocsp: [ocsp.url], caIssuers: aia },
      delegated: { ocsp: [ocspDelegated.url], caIssuers: aia },
      unreachable: { cdp: [`${closedUrl}/issuing.crl`] },
      stale: { cdp: [`${web}/issuing-stale.crl`] },
      "bad-signature": { cdp: [`${web}/issuing-bad-signature.crl`] },
      metadata: { cdp: ["http://169.254.169.254/latest/issuing.crl"] },
      ldap: { cdp: [ldap.crlUrlFor("LabIssuingCA")] },
      bypassed: { cdp: [`http://localhost:${crlServer.port}/issuing.crl`] },
      "no-urls": {},
    };
    const leaves = Object.fromEntries(LAB_LEAVES.map((name) => [name, pki.issueLeaf(name, urls[name])])) as Record<LabLeafName, LabCert>;
    pki.revoke(leaves["revoked-crl"], "keyCompromise");
    pki.revoke(leaves["revoked-ocsp"], "superseded");
    pki.hideFromOcsp(leaves["ocsp-unknown"]);

    // Make the OCSP index's mtime differ from the one the responders loaded at start, then have them reload it.
    utimesSync(pki.ocspIndexPath, new Date(), new Date(Date.now() + 2_000));
    await Promise.all([ocsp.refresh(), ocspDelegated.refresh()]);

    const crl = pki.issuingCrl();
    writeFileSync(path.join(webDir, "issuing.crl"), crl);
    writeFileSync(path.join(webDir, "issuing-stale.crl"), pki.issuingCrl({ lastUpdate: new Date(Date.now() - 9 * 86400_000), nextUpdate: new Date(Date.now() - 2 * 86400_000) }));
    writeFileSync(path.join(webDir, "issuing-bad-signature.crl"), pki.issuingCrl({ badSignature: true }));
    writeFileSync(path.join(webDir, "root.crl"), pki.rootCrl());
    writeFileSync(path.join(webDir, "root.cer"), pki.root.der);
    writeFileSync(path.join(webDir, "issuing.cer"), pki.issuing.der);
    await ldap.publishCrl("LabIssuingCA", crl);

    const certDir = path.join(pki.dir, "certs");
    mkdirSync(certDir);
    writeFileSync(path.join(certDir, "root.pem"), pki.root.pem);
    writeFileSync(path.join(certDir, "issuing.pem"), pki.issuing.pem);
    for (const leaf of Object.values(leaves)) writeFileSync(path.join(certDir, `${leaf.name}.pem`), leaf.pem);

    return {
      pki,
      crlServer,
      proxy,
      ldap,
      ocsp,
      ocspDelegated,
      closedUrl,
      leaves,
      certDir,
      stop: async () => {
        for (const s of started.reverse()) await s.stop().catch(() => undefined);
        rmSync(webDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    for (const s of started.reverse()) await s.stop().catch(() => undefined);
    rmSync(webDir, { recursive: true, force: true });
    throw error;
  }
}
