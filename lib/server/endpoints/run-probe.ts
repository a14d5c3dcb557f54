import "reflect-metadata";
import type { Resolver } from "@/lib/net/address-guard";
import { checkEndpoint, type ProbeReport } from "@/lib/net/probe-report";
import type { StartTlsProtocol } from "@/lib/net/tls-probe";
import type { CertificateInput } from "@/lib/pki/certificate/certificate";
import { revocationCheckerFromSettings } from "../revocation/revocation-checker";

/** Injectable parts of a probe: the clock and (for tests) a resolver; everything else comes from the Settings. */
export interface ProbeDependencies {
  now?: Date;
  resolver?: Resolver;
}

/** What to probe: an endpoint or a partner host. */
export interface ProbeTarget {
  host: string;
  port: number;
  starttls: string | null;
}

const listOf = (value: string) =>
  value
    .split(/[;\s]+/)
    .map((v) => v.trim())
    .filter(Boolean);

/**
 * Probes `target` with the console's outbound settings — the same ones revocation uses: the SSRF guard with the
 * Settings' URL allow-list (loopback and private targets are refused unless listed), the console proxy and bypass
 * list for direct TLS (HTTPS), the fetch timeout — then validates the presented chain against `trustAnchors` with
 * the console's revocation checker (database CRL cache) and AIA fetcher. Never throws for network failures: they
 * are a `ConnectionFailed` report.
 */
export async function runProbe(
  target: ProbeTarget,
  trustAnchors: readonly CertificateInput[],
  deps: ProbeDependencies = {},
): Promise<ProbeReport> {
  const { checker, fetcher, settings } = await revocationCheckerFromSettings();
  const proxy = settings.useEnvironmentProxy
    ? (process.env.HTTPS_PROXY ?? process.env.https_proxy ?? "")
    : settings.proxyServer;
  const bypass = settings.useEnvironmentProxy
    ? (process.env.NO_PROXY ?? process.env.no_proxy ?? "").replace(/,/g, ";")
    : settings.proxyBypass;
  return checkEndpoint(
    {
      host: target.host,
      port: target.port,
      ...(target.starttls ? { starttls: target.starttls as StartTlsProtocol } : {}),
      allowList: listOf(settings.urlAllowList),
      timeoutMs: settings.fetchTimeoutMs,
      ...(proxy ? { proxy } : {}),
      ...(bypass ? { bypass } : {}),
      ...(deps.resolver ? { resolver: deps.resolver } : {}),
    },
    { trustAnchors, now: deps.now ?? new Date(), revocation: checker, fetcher },
  );
}
