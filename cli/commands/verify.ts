// certctl verify: build and validate a certificate's chain (RFC 5280), check revocation, print the Exchange status.
import { parseArgs } from "node:util";
import { describeExchangeStatus } from "@/lib/pki/exchange/status";
import type { CertificatePurpose } from "@/lib/pki/path/validation";
import type { PkiFetcher } from "@/lib/pki/ports";
import type { RevocationChecker } from "@/lib/pki/revocation/types";
import type { ValidationResult } from "@/lib/pki/path/validate-certificate";
import { EXIT_NEGATIVE, EXIT_OK, UsageError, type CliCommand, type CliIo } from "../io";

const HELP = `usage: certctl verify <leaf> [--trust F]… [--untrusted F]… [--crl F]… [--ocsp-response F]…
         [--at ISO-8601] [--purpose server|client|any] [--name DNS-or-IP] [--max-depth N]
         [--no-revocation] [--offline] [--proxy URL] [--bypass LIST] [--allow-private] [--json]
Files may hold several PEM blocks, DER, or PKCS#7. Without --trust, Node's bundled Mozilla root store is used.
--offline uses only the --crl/--ocsp-response files; by default revocation and AIA fetches go online through
--proxy (with the --bypass list). Exit 0 when Valid, 1 for any other status, 2 for bad usage or unreadable input.`;

const PURPOSES: readonly CertificatePurpose[] = ["server", "client", "any"];

/** How revocation was handled in this run. */
type RevocationMode = "checked" | "skipped";

function parse(args: string[]) {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      options: {
        trust: { type: "string", multiple: true },
        untrusted: { type: "string", multiple: true },
        crl: { type: "string", multiple: true },
        "ocsp-response": { type: "string", multiple: true },
        at: { type: "string" },
        purpose: { type: "string" },
        name: { type: "string" },
        "max-depth": { type: "string" },
        "no-revocation": { type: "boolean" },
        offline: { type: "boolean" },
        proxy: { type: "string" },
        bypass: { type: "string" },
        "allow-private": { type: "boolean" },
        json: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${HELP}`);
  }
}

/** Runs `certctl verify`. */
export const run: CliCommand = async (args, io) => {
  const { values, positionals } = parse(args);
  if (values.help) {
    io.out(HELP);
    return EXIT_OK;
  }
  if (positionals.length !== 1) throw new UsageError(`exactly one leaf certificate file is required\n${HELP}`);
  const now = values.at !== undefined ? new Date(values.at) : new Date();
  if (Number.isNaN(now.getTime())) throw new UsageError(`--at ${values.at} is not an ISO-8601 date`);
  const purpose = (values.purpose ?? "any") as CertificatePurpose;
  if (!PURPOSES.includes(purpose)) throw new UsageError(`--purpose must be one of ${PURPOSES.join(", ")}`);
  const maxDepth = values["max-depth"] !== undefined ? Number(values["max-depth"]) : undefined;
  if (maxDepth !== undefined && (!Number.isInteger(maxDepth) || maxDepth < 1)) throw new UsageError("--max-depth must be a positive integer");
  // The PKI and network modules load only now, so `--help` and usage errors start as fast as Node itself.
  await import("reflect-metadata"); // before @peculiar/x509 (tsyringe)
  const [{ bundledRootsDer, readCertificateFile: readCertificates, readInputFile: readInput }, { createNetFetcher }, { createRevocationChecker }, { validateCertificate }, { pathCertificate }] = await Promise.all([
    import("../cert-files"),
    import("@/lib/net/fetcher"),
    import("@/lib/pki/revocation/checker"),
    import("@/lib/pki/path/validate-certificate"),
    import("@/lib/pki/certificate/certificate"),
  ]);

  const [leaf, ...leafExtras] = readCertificates(positionals[0]!);
  const intermediates = [...leafExtras, ...(values.untrusted ?? []).flatMap(readCertificates)];
  const givenAnchors = values.trust ? values.trust.flatMap(readCertificates) : [];
  // Node's bundled roots go in as DER: parsing ~140 @peculiar/x509 objects would cost more than the validation.
  const trustAnchors = values.trust ? givenAnchors : bundledRootsDer();
  const crls = (values.crl ?? []).map(readInput);
  const ocspResponses = (values["ocsp-response"] ?? []).map(readInput);
  const notes: string[] = [];

  const offline = values.offline === true;
  const fetcher: PkiFetcher | undefined = offline
    ? undefined
    : createNetFetcher({ ...(values.proxy ? { proxy: values.proxy } : {}), ...(values.bypass ? { bypass: values.bypass } : {}), allowPrivate: values["allow-private"] === true });

  let revocation: RevocationChecker | undefined;
  let revocationMode: RevocationMode = "skipped";
  if (values["no-revocation"]) notes.push("revocation not checked (--no-revocation)");
  else {
    revocation = createRevocationChecker({ crls, ocspResponses, ...(fetcher ? { fetcher } : {}), offline, certificates: [...intermediates, ...givenAnchors] });
    revocationMode = "checked";
  }

  const result = await validateCertificate({
    leaf: leaf!,
    intermediates,
    trustAnchors,
    now,
    purpose,
    ...(values.name !== undefined ? { name: values.name } : {}),
    ...(maxDepth !== undefined ? { maxDepth } : {}),
    ...(revocation ? { revocation } : {}),
    ...(fetcher ? { fetcher } : {}),
  });
  const anchorThumbprint = result.trustAnchor ? pathCertificate(result.trustAnchor).thumbprint : null;
  if (values.json) io.out(JSON.stringify(toJson(result, anchorThumbprint, revocationMode, notes), null, 2));
  else printReadable(io, result, notes);
  return result.status === "Valid" ? EXIT_OK : EXIT_NEGATIVE;
};

function toJson(result: ValidationResult, anchorThumbprint: string | null, revocationMode: RevocationMode, notes: string[]) {
  return {
    status: result.status,
    description: describeExchangeStatus(result.status),
    chain: result.chainThumbprints,
    subjects: result.chain.map((c) => c.subject),
    trustAnchor: anchorThumbprint,
    viaCrossCertificate: result.viaCrossCertificate,
    problems: result.problems,
    revocationEngine: revocationMode,
    revocation: result.revocation,
    fetched: result.fetched,
    notes,
  };
}

function printReadable(io: CliIo, result: ValidationResult, notes: string[]): void {
  const lines = [`Status      : ${result.status}`, `Description : ${describeExchangeStatus(result.status)}`, "Chain       :"];
  result.chain.forEach((cert, depth) => {
    const anchor = result.trustAnchor === cert ? " (trust anchor)" : "";
    lines.push(`  [${depth}] ${cert.subject}${anchor}`, `      Thumbprint ${result.chainThumbprints[depth]}`);
  });
  if (result.viaCrossCertificate) lines.push("  (the chain goes through a cross-certificate)");
  lines.push(`Problems    : ${result.problems.length === 0 ? "none" : ""}`);
  for (const problem of result.problems) lines.push(`  [depth ${problem.depth}] ${problem.code}: ${problem.message}`);
  if (result.revocation.length > 0) lines.push("Revocation  :");
  for (const r of result.revocation) {
    lines.push(`  [${r.depth}] ${r.status}: ${r.message}`);
    for (const attempt of r.attempts) lines.push(`      ${attempt.method} ${attempt.url ?? ""} → ${attempt.outcome}${attempt.errorCode ? ` (${attempt.errorCode})` : ""}: ${attempt.message}`);
  }
  for (const f of result.fetched) lines.push(`AIA fetch   : ${f.url} → ${f.ok ? `${f.certificates.length} certificate(s)` : `${f.errorCode}: ${f.error}`}`);
  for (const note of notes) lines.push(`Note        : ${note}`);
  io.out(lines.join("\n"));
}
