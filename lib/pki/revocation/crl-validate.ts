/**
 * Is this set of CRLs an authoritative answer for this certificate? RFC 5280 §6.3.3 over scanned CRLs:
 * scope (issuer, issuingDistributionPoint vs. the certificate's distribution points, only-user/CA/attribute
 * certificates, onlySomeReasons coverage), freshness (a CRL past nextUpdate is stale and not an answer),
 * signature and cRLSign of the signer, unknown critical extensions, delta CRLs on a matching complete base
 * (`removeFromCRL` un-revokes a certificateHold), and the entry's reason and date.
 * @packageDocumentation
 */
import { bytesEqual, readDerTlv } from "../asn1/der";
import { ALL_REASONS, CRL_REASONS, entryIssuerDer, type Crl } from "./crl-parse";
import { findCrlSigner, type CrlContext } from "./crl-signer";
import type { DistributionPoint } from "./cert-info";
import { parseGeneralNames } from "./names";
import { crlScope } from "./crl-scope";

export { crlScope } from "./crl-scope";

/** Why one CRL was not (or not fully) an answer. */
export interface CrlProblem {
  crl: Crl;
  code: string;
  message: string;
}

/** The combined verdict of all CRLs available for one certificate. */
export interface CrlVerdict {
  status: "good" | "revoked" | "unknown";
  reasonCode?: number;
  reason?: string;
  revocationDate?: Date;
  /** The CRL that gave the answer (for `revoked`, the one listing the certificate). */
  answeredBy?: Crl;
  /** The delta CRL that was applied, if any. */
  delta?: Crl;
  /** CRLs that contributed coverage to a `good` answer. */
  used: Crl[];
  problems: CrlProblem[];
  /** Stable code when `unknown`. */
  code?: string;
  message: string;
}

const REMOVE_FROM_CRL = 8;

function freshness(crl: Crl, now: number): { code: string; message: string } | null {
  if (crl.thisUpdate > now) return { code: "ERR_CRL_NOT_YET_VALID", message: `the CRL is not valid until ${new Date(crl.thisUpdate).toISOString()}` };
  if (crl.nextUpdate !== null && crl.nextUpdate < now) return { code: "ERR_CRL_STALE", message: `the CRL is stale: its next update was due ${new Date(crl.nextUpdate).toISOString()}` };
  return null;
}

function unknownCritical(crl: Crl): string | null {
  if (crl.unknownCriticalExtension) return crl.unknownCriticalExtension;
  for (const e of crl.extras.values()) if (e.unknownCritical) return e.unknownCritical;
  return null;
}

/** Index of the entry listing the certificate (honouring certificateIssuer in indirect CRLs), or -1. */
export function findEntry(crl: Crl, ctx: CrlContext): number {
  for (const i of crl.index.findAll(ctx.cert.serialKey)) {
    const issuerDer = crl.issuingDistributionPoint?.indirectCRL ? entryIssuerDer(crl, i) : null;
    if (!issuerDer) {
      if (crl.issuerCanonical === ctx.cert.issuerCanonical) return i;
      continue;
    }
    const names = parseGeneralNames(issuerDer, readDerTlv(issuerDer, 0));
    if (names.some((n) => n.kind === "directoryName" && n.canonical === ctx.cert.issuerCanonical)) return i;
  }
  return -1;
}

function idpEqual(a: Crl, b: Crl): boolean {
  const x = a.extensions.find((e) => e.oid === "2.5.29.28")?.value;
  const y = b.extensions.find((e) => e.oid === "2.5.29.28")?.value;
  return x === undefined || y === undefined ? x === y : bytesEqual(x, y);
}

async function usableProblem(crl: Crl, ctx: CrlContext): Promise<{ code: string; message: string } | null> {
  const stale = freshness(crl, ctx.now);
  if (stale) return stale;
  const critical = unknownCritical(crl);
  if (critical) return { code: "ERR_CRL_UNKNOWN_CRITICAL_EXTENSION", message: `the CRL carries an unrecognised critical extension ${critical}` };
  const signer = await findCrlSigner(crl, ctx);
  return signer.ok ? null : signer;
}

function revokedVerdict(crl: Crl, i: number, used: Crl[], problems: CrlProblem[], delta?: Crl): CrlVerdict {
  const code = crl.reasons[i]!;
  const reason = code >= 0 ? (CRL_REASONS[code] ?? `reason ${code}`) : undefined;
  const revocationDate = new Date(crl.revocationTimes[i]!);
  const v: CrlVerdict = { status: "revoked", revocationDate, answeredBy: crl, used, problems, message: `revoked${reason ? ` (${reason})` : ""} on ${revocationDate.toISOString().slice(0, 10)}` };
  if (code >= 0) v.reasonCode = code;
  if (reason) v.reason = reason;
  if (delta) v.delta = delta;
  return v;
}

/**
 * Combines every available CRL (complete and delta) into a verdict for `ctx.cert`. Never throws for bad CRLs:
 * each one that cannot serve is listed in `problems` with a stable code.
 */
export async function evaluateCrls(crls: readonly Crl[], ctx: CrlContext): Promise<CrlVerdict> {
  const problems: CrlProblem[] = [];
  const problemOf = (crl: Crl, p: { code: string; message: string }) => {
    if (!problems.some((q) => q.crl === crl && q.code === p.code)) problems.push({ crl, ...p });
  };
  const complete = crls.filter((c) => c.deltaCrlIndicator === undefined).sort((a, b) => b.thisUpdate - a.thisUpdate);
  const deltas = crls.filter((c) => c.deltaCrlIndicator !== undefined);
  for (const d of deltas) {
    if (!complete.some((c) => c.issuerCanonical === d.issuerCanonical)) problemOf(d, { code: "ERR_CRL_DELTA_NO_BASE", message: "the delta CRL has no matching complete CRL" });
  }
  const dps: (DistributionPoint | null)[] = ctx.cert.distributionPoints ?? [null];
  let covered = 0;
  const used: Crl[] = [];
  for (const dp of dps) {
    for (const crl of complete) {
      if (covered === ALL_REASONS) break;
      const scope = crlScope(crl, dp, ctx);
      if (!scope.ok) {
        problemOf(crl, scope);
        continue;
      }
      if ((scope.reasons & ~covered) === 0) continue;
      const problem = await usableProblem(crl, ctx);
      if (problem) {
        problemOf(crl, problem);
        continue;
      }
      let delta: Crl | undefined;
      for (const d of deltas) {
        if (d.issuerCanonical !== crl.issuerCanonical || !idpEqual(d, crl)) continue;
        if (crl.crlNumber === undefined || d.deltaCrlIndicator! > crl.crlNumber || (d.crlNumber !== undefined && d.crlNumber <= crl.crlNumber)) {
          problemOf(d, { code: "ERR_CRL_DELTA_BASE_MISMATCH", message: `the delta CRL's base CRL number ${d.deltaCrlIndicator} does not match complete CRL number ${crl.crlNumber}` });
          continue;
        }
        const p = freshness(d, ctx.now) ?? (unknownCritical(d) ? { code: "ERR_CRL_UNKNOWN_CRITICAL_EXTENSION", message: "the delta CRL carries an unrecognised critical extension" } : null);
        if (p) {
          problemOf(d, p);
          continue;
        }
        const signer = await findCrlSigner(d, ctx);
        if (!signer.ok) {
          problemOf(d, signer);
          continue;
        }
        if (!delta || (d.crlNumber ?? 0n) > (delta.crlNumber ?? 0n)) delta = d;
      }
      if (delta) {
        const i = findEntry(delta, ctx);
        if (i >= 0) {
          if (delta.reasons[i] !== REMOVE_FROM_CRL) return revokedVerdict(delta, i, [...used, crl, delta], problems, delta);
          used.push(crl, delta);
          covered |= scope.reasons;
          continue;
        }
      }
      const i = findEntry(crl, ctx);
      if (i >= 0 && crl.reasons[i] !== REMOVE_FROM_CRL) return revokedVerdict(crl, i, [...used, crl], problems, delta);
      used.push(crl);
      if (delta) used.push(delta);
      covered |= scope.reasons;
    }
  }
  if (covered === ALL_REASONS) return { status: "good", used, problems, message: "not revoked" };
  const last = problems[problems.length - 1];
  if (covered !== 0) return { status: "unknown", used, problems, code: "ERR_CRL_SCOPE", message: "the available CRLs cover only some revocation reasons" };
  if (last) return { status: "unknown", used, problems, code: last.code, message: last.message };
  return { status: "unknown", used, problems, code: "ERR_CRL_NONE", message: "no CRL for this certificate's issuer was available" };
}
