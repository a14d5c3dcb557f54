/**
 * Does a CRL cover a certificate for a given distribution point? RFC 5280 §6.3.3 (b): the CRL issuer (the
 * certificate's issuer, or the cRLIssuer the point names for indirect CRLs), the issuingDistributionPoint name
 * against the point's name (full or relative to the CRL issuer), only-user/CA/attribute certificates, and the
 * reasons covered (onlySomeReasons ∩ the point's reasons).
 * @packageDocumentation
 */
import { ALL_REASONS, type Crl } from "./crl-parse";
import type { CrlContext } from "./crl-signer";
import type { DistributionPoint } from "../certificate/decode-extension";
import { appendRdn } from "../name/canonical-name";
import { namesIntersect, type GeneralNameValue } from "../name/general-name";

/** The directory name `base` + one RDN, as a GeneralName. */
function relativeName(base: Uint8Array, rdn: Uint8Array): GeneralNameValue {
  return { type: "directoryName", value: appendRdn(base, rdn) };
}

function dpNames(dp: DistributionPoint, crl: Crl): GeneralNameValue[] | null {
  if (dp.name?.fullName) return dp.name.fullName;
  if (dp.name?.relativeName) {
    const base = dp.cRLIssuer?.find((n) => n.type === "directoryName");
    return [relativeName(base?.type === "directoryName" ? base.value.der : crl.issuerRaw, dp.name.relativeName)];
  }
  return null;
}

/** Scope check of one complete or delta CRL against one distribution point; returns the reasons it covers. */
export function crlScope(crl: Crl, dp: DistributionPoint | null, ctx: CrlContext): { ok: true; reasons: number } | { ok: false; code: string; message: string } {
  const idp = crl.issuingDistributionPoint;
  if (dp?.cRLIssuer) {
    const issuers = dp.cRLIssuer.flatMap((n) => (n.type === "directoryName" ? [n.value.key] : []));
    if (!issuers.includes(crl.issuerCanonical)) return { ok: false, code: "ERR_CRL_WRONG_ISSUER", message: `the CRL is issued by ${crl.issuer}, not by the CRL issuer the certificate names` };
    if (!idp?.indirectCRL && crl.issuerCanonical !== ctx.cert.issuerCanonical) return { ok: false, code: "ERR_CRL_SCOPE", message: `the CRL from ${crl.issuer} is not marked as an indirect CRL` };
  } else if (crl.issuerCanonical !== ctx.cert.issuerCanonical) {
    return { ok: false, code: "ERR_CRL_WRONG_ISSUER", message: `the CRL is issued by ${crl.issuer}, not by the certificate's issuer` };
  }
  if (idp) {
    if (idp.distributionPoint) {
      const idpNames = idp.distributionPoint.fullName ?? [relativeName(crl.issuerRaw, idp.distributionPoint.relativeName!)];
      const names = dp ? (dpNames(dp, crl) ?? dp.cRLIssuer ?? null) : null;
      if (!names || !namesIntersect(idpNames, names)) return { ok: false, code: "ERR_CRL_SCOPE", message: "the CRL's issuing distribution point does not match the certificate's CRL distribution point" };
    }
    if (idp.onlyContainsUserCerts && ctx.cert.isCA) return { ok: false, code: "ERR_CRL_SCOPE", message: "the CRL covers only end-entity certificates and this is a CA certificate" };
    if (idp.onlyContainsCACerts && !ctx.cert.isCA) return { ok: false, code: "ERR_CRL_SCOPE", message: "the CRL covers only CA certificates and this is an end-entity certificate" };
    if (idp.onlyContainsAttributeCerts) return { ok: false, code: "ERR_CRL_SCOPE", message: "the CRL covers only attribute certificates" };
  }
  const reasons = (idp?.onlySomeReasons ?? ALL_REASONS) & (dp?.reasons ?? ALL_REASONS) & ALL_REASONS;
  return { ok: true, reasons };
}
