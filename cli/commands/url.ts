// certctl url: the certutil -verify -urlfetch / -URL equivalent — fetch every AIA, CDP and OCSP URL of a chain.
import { readFileSync } from "node:fs";
import { rootCertificates } from "node:tls";
import { parseArgs } from "node:util";
import type { PathCertificate } from "@/lib/pki/certificate/certificate";
import { parseIssuerAnswer } from "@/lib/pki/path/chain-builder";
import { PkiError } from "@/lib/pki/errors";
import { createNetFetcher } from "@/lib/net/fetcher";
import { ProxySettingError } from "@/lib/net/proxy-settings";
import { retrieveChainUrls, type UrlRetrievalReport } from "@/lib/net/url-retrieval";
import { EXIT_NEGATIVE, EXIT_OK, UsageError, type CliCommand } from "../io";

const HELP = `usage: certctl url <cert> [--untrusted F]… [--trust F]… [--proxy URL] [--bypass LIST] [--allow-private]
         [--timeout MS] [--json]
Builds the chain of <cert> (missing issuers fetched from AIA), then fetches every AIA caIssuers, CDP and OCSP URL
of every certificate in it and shows each result, route (proxy or bypass) and time, like certutil -URL.
--proxy http://[user:pass@]host:port with a WinHTTP-style --bypass list ("*.contoso.com;10.*;<local>").
Loopback and private addresses are refused unless --allow-private is given.
Exit 0 when every URL answered with something verifiable, 1 otherwise (also when there is no URL), 2 for bad usage.`;

function readCertificates(file: string): PathCertificate[] {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(file));
  } catch (error) {
    throw new PkiError("ERR_INPUT_UNREADABLE", `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  try {
    const certificates = parseIssuerAnswer(bytes);
    if (certificates.length > 0) return certificates;
  } catch {
    // fall through to the error below
  }
  throw new PkiError("ERR_CERT_MALFORMED", `${file} holds no readable certificate`);
}

function parse(args: string[]) {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      options: {
        untrusted: { type: "string", multiple: true },
        trust: { type: "string", multiple: true },
        proxy: { type: "string" },
        bypass: { type: "string" },
        "allow-private": { type: "boolean" },
        timeout: { type: "string" },
        json: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${HELP}`);
  }
}

function table(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length))) ?? [];
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join("  ").trimEnd());
}

/** Renders the report as text: the chain, then one block per URL with a summary table. */
export function formatUrlReport(report: UrlRetrievalReport): string {
  const lines: string[] = [];
  lines.push(`Chain (${report.complete ? "reaches a trust anchor" : "does not reach a trust anchor"}):`);
  for (const c of report.chain) lines.push(`  [${c.depth}] ${c.subject}  ${c.thumbprint}`);
  lines.push("");
  if (report.checks.length === 0) {
    lines.push("No AIA, CDP or OCSP URL in any certificate of the chain.");
    return lines.join("\n");
  }
  const rows = [["DEPTH", "KIND", "METHOD", "STATUS", "TIME", "BYTES", "ROUTE", "URL"]];
  for (const c of report.checks) {
    rows.push([String(c.depth), c.kind, c.method, c.ok ? "OK" : (c.errorCode ?? "FAILED"), `${c.durationMs} ms`, c.bytes.toLocaleString("en-US"), c.route.via, c.url]);
  }
  lines.push(...table(rows), "");
  for (const c of report.checks) {
    lines.push(`[${c.depth}] ${c.kind} ${c.url}`);
    lines.push(`    ${c.ok ? c.result : `FAILED: ${c.result}`}`);
    lines.push(`    route: ${c.route.via === "direct" ? "direct" : `via ${c.route.via}`} (${c.route.reason})${c.httpStatus !== undefined ? `; HTTP ${c.httpStatus}` : ""}; ${c.durationMs} ms; ${c.bytes.toLocaleString("en-US")} bytes`);
  }
  const failed = report.checks.filter((c) => !c.ok).length;
  lines.push("", failed === 0 ? `All ${report.checks.length} URLs answered.` : `${failed} of ${report.checks.length} URLs failed.`);
  return lines.join("\n");
}

/** Runs `certctl url`. */
export const run: CliCommand = async (args, io) => {
  const { values, positionals } = parse(args);
  if (values.help) {
    io.out(HELP);
    return EXIT_OK;
  }
  if (positionals.length !== 1) throw new UsageError(`exactly one certificate file is required\n${HELP}`);
  const timeoutMs = values.timeout !== undefined ? Number(values.timeout) : undefined;
  if (timeoutMs !== undefined && (!Number.isInteger(timeoutMs) || timeoutMs < 1)) throw new UsageError("--timeout must be a positive number of milliseconds");
  let fetcher;
  try {
    fetcher = createNetFetcher({
      ...(values.proxy ? { proxy: values.proxy } : {}),
      ...(values.bypass ? { bypass: values.bypass } : {}),
      allowPrivate: values["allow-private"] === true,
      ...(timeoutMs ? { timeoutMs } : {}),
    });
  } catch (error) {
    if (error instanceof ProxySettingError) throw new UsageError(error.message);
    throw error;
  }
  const [leaf, ...extras] = readCertificates(positionals[0] ?? "");
  const intermediates = [...extras, ...(values.untrusted ?? []).flatMap(readCertificates)];
  const trustAnchors = values.trust
    ? values.trust.flatMap(readCertificates)
    : rootCertificates.map((pem) => new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----|\s+/g, ""), "base64")));
  const report = await retrieveChainUrls({ leaf: leaf!, intermediates, trustAnchors, fetcher });
  io.out(values.json ? JSON.stringify(report, null, 2) : formatUrlReport(report));
  return report.allAnswered ? EXIT_OK : EXIT_NEGATIVE;
};
