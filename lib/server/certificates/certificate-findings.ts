import { db } from "../db";
import { loadTrustContext } from "./trust-context";
import { validateCertificate } from "@/lib/pki/path/validate-certificate";
import { webPkiFindings, type WebPkiFinding } from "@/lib/pki/path/webpki-profile";

/**
 * The Web PKI findings of a certificate, shown next to its Exchange status on the properties page and in the
 * API's certificate representation: they predict what browsers, Outlook and Office 365 refuse. The chain is the
 * one built with every trust store of the organization (the certificate alone when none is found); an end entity
 * is judged as a server certificate, a CA certificate only by the rules that apply to CAs.
 */
export async function certificateFindings(cert: { der: Uint8Array; isCa: boolean }, now = new Date()): Promise<WebPkiFinding[]> {
  const der = new Uint8Array(cert.der);
  const ctx = await loadTrustContext(db, null);
  const result = await validateCertificate({ leaf: der, intermediates: ctx.intermediates, trustAnchors: ctx.trustAnchors, now, purpose: cert.isCa ? "any" : "server" });
  const anchored = result.trustAnchor !== null;
  const path = anchored ? result.path : [result.path[0] ?? der];
  return webPkiFindings(path, { purpose: cert.isCa ? "any" : "server", anchored: anchored || path.length === 1, endEntity: !cert.isCa });
}
