// certctl probe: connect to a live endpoint (direct TLS or STARTTLS), validate the certificate it presents, and
// print the Exchange status with a summary an admin can send to the partner.
import { isIP } from "node:net";
import { parseArgs } from "node:util";
import { createNetFetcher } from "@/lib/net/fetcher";
import { checkEndpoint, type ProbeReport } from "@/lib/net/probe-report";
import { STARTTLS_PROTOCOLS, type StartTlsProtocol } from "@/lib/net/tls-probe";
import { describeExchangeStatus, type ExchangeStatus } from "@/lib/pki/exchange/status";
import { createRevocationChecker } from "@/lib/pki/revocation/checker";
import { bundledRootsDer, readCertificateFile } from "../cert-files";
import { EXIT_NEGATIVE, EXIT_OK, UsageError, type CliCommand, type CliIo } from "../io";

const HELP = `usage: certctl probe host[:port] [--starttls smtp|imap|pop3|ldap] [--name N] [--servername SNI] [--trust F]…
         [--proxy URL] [--bypass LIST] [--allow-private] [--no-revocation] [--timeout MS] [--json]
Connects to host:port (direct TLS, or STARTTLS in the given protocol), captures the chain the server presents,
and validates it (RFC 5280, revocation, host name) like 'certctl verify'. The port defaults to 443, or to 25/143/110/389
with --starttls. --name is the name the certificate must carry (default: the host); --servername the SNI (default: --name).
Without --trust, Node's bundled Mozilla root store is used. --proxy (console proxy, CONNECT) applies to direct TLS only.
Loopback and private addresses are refused unless --allow-private.
Status: an Exchange status, NoTls (STARTTLS not offered) or ConnectionFailed. Exit 0 when Valid, 1 otherwise, 2 for bad usage.`;

const DEFAULT_PORTS: Record<StartTlsProtocol | "tls", number> = { tls: 443, smtp: 25, imap: 143, pop3: 110, ldap: 389 };

function parse(args: string[]) {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      options: {
        starttls: { type: "string" },
        name: { type: "string" },
        servername: { type: "string" },
        trust: { type: "string", multiple: true },
        proxy: { type: "string" },
        bypass: { type: "string" },
        "allow-private": { type: "boolean" },
        "no-revocation": { type: "boolean" },
        timeout: { type: "string" },
        json: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${HELP}`);
  }
}

/** Splits `host:port`, `[v6]:port`, `host` or a bare IPv6 address. */
export function parseTarget(text: string, defaultPort: number): { host: string; port: number } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  let host: string;
  let port: string | undefined;
  if (bracketed) [host, port] = [bracketed[1] ?? "", bracketed[2]];
  else if (isIP(text) === 6) host = text;
  else {
    const m = /^([^:]+)(?::([^:]*))?$/.exec(text);
    if (!m) throw new UsageError(`'${text}' is not host:port (write IPv6 addresses as [addr]:port)`);
    [host, port] = [m[1] ?? "", m[2]];
  }
  if (!host) throw new UsageError(`'${text}' has no host`);
  if (port === undefined) return { host, port: defaultPort };
  const n = Number(port);
  if (!/^\d+$/.test(port) || n < 1 || n > 65535) throw new UsageError(`'${port}' is not a TCP port (1–65535)`);
  return { host, port: n };
}

/** Runs `certctl probe`. */
export const run: CliCommand = async (args, io) => {
  const { values, positionals } = parse(args);
  if (values.help) {
    io.out(HELP);
    return EXIT_OK;
  }
  if (positionals.length !== 1) throw new UsageError(`exactly one host:port is required\n${HELP}`);
  const starttls = values.starttls as StartTlsProtocol | undefined;
  if (starttls !== undefined && !STARTTLS_PROTOCOLS.includes(starttls)) throw new UsageError(`--starttls must be one of ${STARTTLS_PROTOCOLS.join(", ")}`);
  const timeoutMs = values.timeout !== undefined ? Number(values.timeout) : undefined;
  if (timeoutMs !== undefined && (!Number.isInteger(timeoutMs) || timeoutMs < 1)) throw new UsageError("--timeout must be a positive number of milliseconds");
  const { host, port } = parseTarget(positionals[0]!, DEFAULT_PORTS[starttls ?? "tls"]);
  const givenAnchors = (values.trust ?? []).flatMap(readCertificateFile);
  const trustAnchors = values.trust ? givenAnchors : bundledRootsDer();
  const allowPrivate = values["allow-private"] === true;
  const servername = values.servername ?? values.name;

  const fetcher = createNetFetcher({ ...(values.proxy ? { proxy: values.proxy } : {}), ...(values.bypass ? { bypass: values.bypass } : {}), allowPrivate });
  const revocation = values["no-revocation"] ? undefined : createRevocationChecker({ fetcher, certificates: givenAnchors });
  const report = await checkEndpoint(
    {
      host,
      port,
      allowPrivate,
      ...(starttls ? { starttls } : {}),
      ...(servername !== undefined ? { servername } : {}),
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
      ...(values.proxy ? { proxy: values.proxy } : {}),
      ...(values.bypass ? { bypass: values.bypass } : {}),
    },
    { trustAnchors, now: new Date(), fetcher, ...(values.name !== undefined ? { name: values.name } : {}), ...(revocation ? { revocation } : {}) },
  );
  if (values.json) io.out(JSON.stringify(toJson(report, !revocation), null, 2));
  else printReadable(io, report, !revocation);
  return report.status === "Valid" ? EXIT_OK : EXIT_NEGATIVE;
};

function toJson(report: ProbeReport, revocationSkipped: boolean) {
  const p = report.probe;
  return {
    target: report.target,
    starttls: report.starttls,
    status: report.status,
    chain: report.chain,
    subjects: report.subjects,
    presented: report.presented,
    protocol: report.protocol,
    cipher: report.cipher,
    problems: report.problems,
    hints: report.hints,
    summary: report.summary,
    starttlsOffered: p.starttlsOffered,
    banner: p.banner,
    capabilities: p.capabilities,
    route: p.route,
    address: p.address,
    revocation: revocationSkipped ? "skipped" : (report.validation?.revocation ?? []),
    errors: p.errors,
    durationMs: p.durationMs,
  };
}

function printReadable(io: CliIo, report: ProbeReport, revocationSkipped: boolean): void {
  const p = report.probe;
  const description = report.status === "NoTls" ? "The endpoint does not offer TLS." : report.status === "ConnectionFailed" ? "No TLS connection could be made." : describeExchangeStatus(report.status as ExchangeStatus);
  const lines = [`Target      : ${report.target}${report.starttls ? ` (STARTTLS ${report.starttls})` : ""} via ${p.route.via}`, `Status      : ${report.status}`, `Description : ${description}`];
  if (p.banner) lines.push(`Banner      : ${p.banner}`);
  if (p.capabilities.length) lines.push(`Capabilities: ${p.capabilities.join(", ")}`);
  if (report.protocol) lines.push(`Protocol    : ${report.protocol}`, `Cipher      : ${report.cipher ?? "?"}`);
  if (report.chain.length) lines.push("Chain       :");
  report.chain.forEach((thumbprint, depth) => lines.push(`  [${depth}] ${report.subjects[depth] ?? ""}`, `      Thumbprint ${thumbprint}`));
  lines.push(`Problems    : ${report.problems.length === 0 ? "none" : ""}`);
  for (const problem of report.problems) lines.push(`  ${problem.depth !== null ? `[depth ${problem.depth}] ` : ""}${problem.code}: ${problem.message}`);
  for (const hint of report.hints) lines.push(`Advice      : ${hint}`);
  if (revocationSkipped) lines.push("Note        : revocation not checked (--no-revocation)");
  lines.push(`Summary     : ${report.summary}`);
  io.out(lines.join("\n"));
}
