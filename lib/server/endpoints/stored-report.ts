import type { ProbeReport } from "@/lib/net/probe-report";
import { pathCertificate } from "@/lib/pki/certificate/certificate";

/** A certificate as the endpoint pages show it. */
export interface CertificateRef {
  thumbprint: string;
  subject: string;
  issuer: string;
  notAfter: string;
  /** Known to the console: its friendly name and status; null when the console has never seen it. */
  known: { id: string; friendlyName: string; status: string } | null;
}

/** The "wrong certificate in use" finding of an endpoint probe. */
export interface WrongCertificate {
  presented: CertificateRef;
  bound: CertificateRef[];
  message: string;
}

/** The JSON kept in `Endpoint.lastReport` / `PartnerHost.lastReport`: the probe report without the bulky internals. */
export interface StoredProbeReport {
  probedAt: string;
  target: string;
  starttls: string | null;
  status: string;
  chain: string[];
  subjects: string[];
  presented: string[];
  /** The leaf the server presented, when TLS was established. */
  leaf: CertificateRef | null;
  protocol: string | null;
  cipher: string | null;
  problems: { depth: number | null; code: string; message: string }[];
  /** Advice on the server's configuration (missing intermediates, self-signed, obsolete TLS). */
  hints: string[];
  summary: string;
  route: { via: string; reason: string };
  address: string | null;
  banner: string | null;
  capabilities: string[];
  transcript: string[];
  durationMs: number;
  /** Endpoints only: set when the presented leaf is not a certificate bound to the service. */
  wrongCertificate?: WrongCertificate | null;
  /** Endpoints only: true when no certificate is bound to the service on that server. */
  unbound?: boolean;
}

/** The presented leaf as a {@link CertificateRef} (not yet matched against the database), or null. */
export function presentedLeaf(report: ProbeReport): Omit<CertificateRef, "known"> | null {
  const der = report.probe.presentedChain[0];
  if (!der) return null;
  try {
    const leaf = pathCertificate(der);
    return {
      thumbprint: leaf.thumbprint,
      subject: leaf.subjectText,
      issuer: leaf.issuerText,
      notAfter: leaf.notAfter.toISOString(),
    };
  } catch {
    return null;
  }
}

/** JSON-safe summary of a report, for the database and the API. */
export function storedReport(
  report: ProbeReport,
  probedAt: Date,
  leaf: CertificateRef | null,
): StoredProbeReport {
  return {
    probedAt: probedAt.toISOString(),
    target: report.target,
    starttls: report.starttls,
    status: report.status,
    chain: report.chain,
    subjects: report.subjects,
    presented: report.presented,
    leaf,
    protocol: report.protocol,
    cipher: report.cipher,
    problems: report.problems,
    hints: report.hints ?? [],
    summary: report.summary,
    route: report.probe.route,
    address: report.probe.address,
    banner: report.probe.banner,
    capabilities: report.probe.capabilities,
    transcript: report.probe.transcript.slice(0, 40).map((l) => l.slice(0, 300)),
    durationMs: report.probe.durationMs,
  };
}
