/**
 * Turns a {@link ProbeResult} into a probe report: the presented chain validated by `validateCertificate`
 * (trust anchors given, presented intermediates, the host name, optional revocation), an Exchange status (plus
 * `NoTls` and `ConnectionFailed`), problems by depth, and a plain-English summary an admin can send to the
 * partner, as the seed article "Deciphering TLS issues" asks for ("… failed with status 'Expired'").
 * @packageDocumentation
 */
import { describeExchangeStatus, type ExchangeStatus } from "@/lib/pki/exchange/status";
import { pathCertificate, type CertificateInput, type PathCertificate } from "@/lib/pki/certificate/certificate";
import type { PkiFetcher } from "@/lib/pki/ports";
import type { RevocationChecker } from "@/lib/pki/revocation/types";
import { validateCertificate, type ValidationResult } from "@/lib/pki/path/validate-certificate";
import { ValidationProblemCode } from "@/lib/pki/path/validation-problem";
import { probeEndpoint, type ProbeOptions, type ProbeResult } from "./tls-probe";

/** The status of a probed endpoint: an Exchange status, or no TLS at all, or nothing answered. */
export type ProbeStatus = ExchangeStatus | "NoTls" | "ConnectionFailed";

/** One problem of the endpoint; `depth` is the chain position (0 = leaf), null for connection-level problems. */
export interface ProbeProblem {
  depth: number | null;
  code: string;
  message: string;
}

/** What the console shows and the CLI prints for one endpoint. */
export interface ProbeReport {
  /** `host:port`. */
  target: string;
  starttls: string | null;
  status: ProbeStatus;
  /** SHA-1 thumbprints, leaf → root (the validated path when one was built, else the presented chain). */
  chain: string[];
  /** Subjects of `chain`. */
  subjects: string[];
  /** Thumbprints of the certificates the server sent, leaf first. */
  presented: string[];
  protocol: string | null;
  cipher: string | null;
  problems: ProbeProblem[];
  /** Plain-English advice on the server's configuration (missing intermediates, self-signed, obsolete TLS). */
  hints: string[];
  summary: string;
  probe: ProbeResult;
  validation: ValidationResult | null;
}

/** How to judge the presented chain. */
export interface ProbeJudgement {
  trustAnchors: readonly CertificateInput[];
  now: Date;
  /** The name the certificate must carry; default the SNI name, else the host. */
  name?: string;
  revocation?: RevocationChecker;
  fetcher?: PkiFetcher;
}

const day = (d: Date) => d.toISOString().slice(0, 10);

function targetOf(probe: ProbeResult): string {
  const t = `${probe.host.includes(":") ? `[${probe.host}]` : probe.host}:${probe.port}`;
  return probe.starttls ? `${t} (STARTTLS ${probe.starttls.toUpperCase()})` : t;
}

function leafSentence(target: string, leaf: PathCertificate, now: Date): string {
  const dates = leaf.notAfter.getTime() < now.getTime() ? `which expired on ${day(leaf.notAfter)}` : leaf.notBefore.getTime() > now.getTime() ? `which is not valid before ${day(leaf.notBefore)}` : `valid until ${day(leaf.notAfter)}`;
  return `${target} presented ${leaf.subjectText || "(empty subject)"} issued by ${leaf.issuerText}, ${dates} (thumbprint ${leaf.thumbprint})`;
}

const OBSOLETE_PROTOCOLS = /^(TLSv1(\.1)?|SSLv[23])$/;

function tlsSentence(probe: ProbeResult): string {
  const protocol = probe.protocol ? probe.protocol.replace(/^TLSv/, "TLS ") : "an unknown protocol";
  return `${protocol} with ${probe.cipher ?? "an unknown cipher"}`;
}

/** Advice on what the server should change, from what it sent and how validation went. */
function configurationHints(probe: ProbeResult, presented: PathCertificate[], validation: ValidationResult): string[] {
  const hints: string[] = [];
  const leaf = presented[0]!;
  if (presented.length === 1 && leaf.selfIssued) hints.push("The certificate is self-signed: no partner will trust it (is it Exchange's default self-signed certificate? Assign a certificate from a CA).");
  else if (presented.length === 1) {
    const fetched = validation.fetched.filter((f) => f.ok);
    if (fetched.length > 0) hints.push(`The server sent only its own certificate; the issuing CA certificate was fetched from ${fetched.map((f) => f.url).join(", ")} (AIA). The server should send the intermediate certificates too: clients that do not fetch them will fail.`);
    else if (validation.status === "Untrusted") hints.push("The server sent only its own certificate, not the intermediate CA certificates: install the intermediates on the server so it sends the whole chain.");
  }
  if (probe.protocol && OBSOLETE_PROTOCOLS.test(probe.protocol)) hints.push(`${probe.protocol.replace(/^TLSv/, "TLS ")} is obsolete: enable TLS 1.2 or later on the server.`);
  return hints;
}

/** "Status X: " and the problems, a name mismatch first (it is what a partner fixes first), else the EMC's description. */
function statusSentence(status: ExchangeStatus, problems: ProbeProblem[]): string {
  if (status === "Valid") return "The certificate is valid for this name.";
  if (problems.length === 0) return `Status ${status}: ${describeExchangeStatus(status)}`;
  const ordered = [...problems.filter((p) => p.code === ValidationProblemCode.NameMismatch), ...problems.filter((p) => p.code !== ValidationProblemCode.NameMismatch)];
  return `Status ${status}: ${ordered.map((p) => (p.depth !== null ? `[depth ${p.depth}] ${p.message}` : p.message)).join(" ")}`;
}

/** Builds the report of a finished probe; never throws for a malformed presented certificate (it is `Invalid`). */
export async function reportProbe(probe: ProbeResult, judgement: ProbeJudgement): Promise<ProbeReport> {
  const target = targetOf(probe);
  const base = { target: `${probe.host.includes(":") ? `[${probe.host}]` : probe.host}:${probe.port}`, starttls: probe.starttls, protocol: probe.protocol, cipher: probe.cipher, probe };
  if (!probe.connected || (!probe.tlsEstablished && probe.starttlsOffered !== false)) {
    const problems = probe.errors.map((e) => ({ depth: null, code: e.code, message: e.message }));
    const what = probe.connected ? "the connection was made but TLS could not be established" : "nothing answered";
    const summary = `${target}: ${what} — ${problems.map((p) => p.message).join("; ") || "no details"}.`;
    return { ...base, status: "ConnectionFailed", chain: [], subjects: [], presented: [], problems, hints: [], summary, validation: null };
  }
  if (probe.starttlsOffered === false) {
    const problems = [{ depth: null, code: "ERR_PROBE_NO_STARTTLS", message: probe.starttlsRefusal ?? "STARTTLS is not offered" }];
    const seen = probe.capabilities.length > 0 ? ` It advertises: ${probe.capabilities.join(", ")}.` : "";
    const summary = `${target} does not offer TLS: ${problems[0]!.message}.${probe.banner ? ` Greeting: "${probe.banner}".` : ""}${seen} Mail or sessions to it cannot be encrypted; a domain-secured (TLS required) connector will not deliver.`;
    return { ...base, status: "NoTls", chain: [], subjects: [], presented: [], problems, hints: [], summary, validation: null };
  }
  let presented: PathCertificate[];
  try {
    presented = probe.presentedChain.map((der) => pathCertificate(der));
  } catch (error) {
    const problems = [{ depth: 0, code: "ERR_CERT_MALFORMED", message: `the server presented a certificate that cannot be parsed: ${(error as Error).message}` }];
    return { ...base, status: "Invalid", chain: [], subjects: [], presented: [], problems, hints: [], summary: `${target}: ${problems[0]!.message}; ${tlsSentence(probe)}.`, validation: null };
  }
  const leaf = presented[0];
  if (!leaf) {
    const problems = [{ depth: 0, code: "ERR_NO_CERTIFICATE", message: "the server presented no certificate" }];
    return { ...base, status: "Invalid", chain: [], subjects: [], presented: [], problems, hints: [], summary: `${target}: ${problems[0]!.message}; ${tlsSentence(probe)}.`, validation: null };
  }
  const name = judgement.name ?? probe.servername ?? probe.host;
  const validation = await validateCertificate({
    leaf: leaf.der,
    intermediates: presented.slice(1).map((c) => c.der),
    trustAnchors: judgement.trustAnchors,
    now: judgement.now,
    purpose: "server",
    name,
    ...(judgement.revocation ? { revocation: judgement.revocation } : {}),
    ...(judgement.fetcher ? { fetcher: judgement.fetcher } : {}),
  });
  const problems: ProbeProblem[] = validation.problems.map((p) => ({ depth: p.depth, code: p.code, message: p.message }));
  const hints = configurationHints(probe, presented, validation);
  const summary = [`${leafSentence(target, leaf, judgement.now)}; ${tlsSentence(probe)}.`, statusSentence(validation.status, problems), ...hints].join(" ");
  return {
    ...base,
    status: validation.status,
    chain: validation.chainThumbprints,
    subjects: validation.path.map((c) => c.subjectText),
    presented: presented.map((c) => c.thumbprint),
    problems,
    hints,
    summary,
    validation,
  };
}

/** Probes an endpoint and reports on it: {@link probeEndpoint} then {@link reportProbe}. */
export async function checkEndpoint(options: ProbeOptions, judgement: ProbeJudgement): Promise<ProbeReport> {
  return reportProbe(await probeEndpoint(options), judgement);
}

/** The certificate the console has bound to a service on a server. */
export interface ServiceBinding {
  serverName: string;
  /** Exchange service, e.g. `SMTP`, `IIS`. */
  service: string;
  thumbprint: string;
  /** End of validity of the bound certificate, when known (to tell "old certificate still in use"). */
  notAfter?: Date;
}

/** A mismatch between the certificate bound to a service and the one its endpoint presents. */
export interface WrongCertificateFinding {
  code: "WRONG_CERTIFICATE_IN_USE";
  serverName: string;
  service: string;
  boundThumbprint: string;
  presentedThumbprint: string;
  /** True when the presented certificate expires before the bound one (a renewal not yet picked up). */
  presentedIsOlder: boolean;
  message: string;
}

/**
 * Compares the leaf an endpoint presented with the certificate bound to that service ("wrong certificate in use",
 * seed article deciphering-tls-issues: after a renewal Exchange keeps using the old certificate until the
 * service assignment is run again). Null when they agree or when nothing was presented.
 */
export function wrongCertificateInUse(report: ProbeReport, binding: ServiceBinding): WrongCertificateFinding | null {
  const presented = report.presented[0];
  if (!presented || presented.toUpperCase() === binding.thumbprint.toUpperCase()) return null;
  const leaf = report.probe.presentedChain[0] ? pathCertificate(report.probe.presentedChain[0]) : null;
  const presentedIsOlder = !!(leaf && binding.notAfter && leaf.notAfter.getTime() < binding.notAfter.getTime());
  const what = leaf ? `${presented} (${leaf.subjectText}, valid until ${day(leaf.notAfter)})` : presented;
  const advice = presentedIsOlder
    ? `renewed but the old certificate is still in use — re-run the service assignment (Enable-ExchangeCertificate -Services ${binding.service}) or restart the service`
    : `re-run the service assignment (Enable-ExchangeCertificate -Services ${binding.service}) or restart the service`;
  return {
    code: "WRONG_CERTIFICATE_IN_USE",
    serverName: binding.serverName,
    service: binding.service,
    boundThumbprint: binding.thumbprint.toUpperCase(),
    presentedThumbprint: presented,
    presentedIsOlder,
    message: `${binding.serverName} ${binding.service} (${report.target}) presents certificate ${what}, not the bound certificate ${binding.thumbprint.toUpperCase()}: ${advice}.`,
  };
}
