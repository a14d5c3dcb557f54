import type { AddressPolicy } from "@/lib/net/address-guard";
import { createNetFetcher, type NetFetcherOptions } from "@/lib/net/fetcher";
import { createRevocationChecker } from "@/lib/pki/revocation/checker";
import type { RevocationChecker } from "@/lib/pki/revocation/types";
import type { PkiFetcher } from "@/lib/pki/ports";
import { readSettings } from "../settings/get-settings";
import { crlCache } from "./database-crl-cache";
import { limitPerHost } from "./limit-per-host";

type Settings = Awaited<ReturnType<typeof readSettings>>;

/** Splits a `;`/space separated settings list. */
function listOf(value: string): string[] {
  return value.split(/[;\s]+/).map((v) => v.trim()).filter(Boolean);
}

/** The SSRF guard's policy from the settings (the admin's allow-list); the same for every outbound connection. */
export function addressPolicyFromSettings(settings: Settings): AddressPolicy {
  return { allowList: listOf(settings.urlAllowList) };
}

/**
 * The fetcher the console uses for AIA, CRL and OCSP retrieval, and ACME: the console's own proxy and bypass list
 * (never the browser's), the SSRF guard with the admin's allow-list, the configured timeout.
 */
export function fetcherFromSettings(settings: Settings, extra: Pick<NetFetcherOptions, "ca" | "maxRedirects" | "maxBytes"> = {}): PkiFetcher {
  return createNetFetcher({
    ...extra,
    ...(settings.useEnvironmentProxy
      ? { useEnvironmentProxy: true, environment: { HTTPS_PROXY: process.env.HTTPS_PROXY, HTTP_PROXY: process.env.HTTP_PROXY, NO_PROXY: process.env.NO_PROXY } }
      : { proxy: settings.proxyServer || undefined, bypass: settings.proxyBypass || undefined }),
    ...addressPolicyFromSettings(settings),
    timeoutMs: settings.fetchTimeoutMs,
  });
}

/**
 * A revocation checker for one run (a status refresh, a check, a probe), configured from the current settings, with
 * the database CRL cache: each CRL's stored row is read once per run.
 */
export async function revocationCheckerFromSettings(): Promise<{ checker: RevocationChecker; fetcher: PkiFetcher; settings: Settings }> {
  const settings = await readSettings();
  // Distinct URLs are fetched concurrently by a batched refresh; at most 4 at a time per CRL/OCSP host.
  const fetcher = limitPerHost(fetcherFromSettings(settings));
  const checker = createRevocationChecker({
    fetcher,
    order: settings.revocationOrder === "crlFirst" ? "crlFirst" : "ocspFirst",
    cache: crlCache.forRun(),
    timeoutMs: settings.fetchTimeoutMs,
  });
  return { checker, fetcher, settings };
}
