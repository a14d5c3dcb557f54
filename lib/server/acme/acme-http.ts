import { AsyncLocalStorage } from "node:async_hooks";
import * as acme from "acme-client";
import type { PkiFetcher } from "@/lib/pki/ports";
import { AppError } from "../errors";

/** A problem document (RFC 7807) an ACME CA answered with. */
export interface AcmeProblem {
  type: string;
  detail: string;
  status?: number;
  subproblems?: Array<{ type?: string; detail?: string; identifier?: { value?: string } }>;
}

/** What one ACME operation may connect to: the console's outbound fetcher, and the CA trusted for the directory's origin only. */
export interface AcmeConnection {
  /**
   * The console's one outbound fetcher (proxy and bypass list from Settings, the address guard with the admin's
   * allow-list, timeouts, size cap), built with `ca` — the directory's own CA — for the directory's origin only.
   */
  fetcherFor: (ca: string[] | undefined) => PkiFetcher;
  /** Origin (`https://host:port`) of the ACME directory, and the PEM CA certificates trusted for it alone. */
  directoryOrigin: string;
  directoryCaPem: string;
  /** The problem documents seen during the operation, newest last. */
  problems: AcmeProblem[];
}

const context = new AsyncLocalStorage<AcmeConnection>();
let installed = false;

/** Splits PEM text into its certificates. */
function pemCertificates(pem: string): string[] {
  return pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
}

type AdapterConfig = Parameters<Extract<NonNullable<typeof acme.axios.defaults.adapter>, (...args: never[]) => unknown>>[0];

/** The request headers axios prepared, as plain strings. */
function plainHeaders(config: AdapterConfig): Record<string, string> {
  const raw = (config.headers as { toJSON?: () => Record<string, unknown> } | undefined)?.toJSON?.() ?? (config.headers as Record<string, unknown> | undefined) ?? {};
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) if (value !== undefined && value !== null && value !== false) out[name.toLowerCase()] = String(value);
  return out;
}

/**
 * acme-client's HTTP (its own axios instance) goes through the console's one outbound path: an axios adapter that
 * sends each request with the console's fetcher ({@link AcmeConnection.fetcherFor}) — the proxy and bypass list from
 * Settings, the address guard with the admin's allow-list on every hop, bounded time and size, no redirects. The
 * directory's own CA (a private ACME CA) is trusted for that origin only, beside the system roots, never globally.
 * A request outside {@link withAcmeConnection} is refused. Failures to connect are `ERR_ACME_UNREACHABLE` (not retried);
 * every HTTP answer goes back to acme-client, which reads its problem documents and retries 429/5xx itself.
 */
function installGuard(): void {
  if (installed) return;
  installed = true;
  const instance = acme.axios;
  // Bounded work: acme-client retries 429/5xx with growing delays; keep them short and few.
  const defaults = instance.defaults as typeof instance.defaults & { acmeSettings: Record<string, number> };
  defaults.acmeSettings = { ...defaults.acmeSettings, retryMaxAttempts: 2, retryDefaultDelay: 1 };
  defaults.adapter = async (config) => {
    const connection = context.getStore();
    if (!connection) throw new AppError("ERR_ACME_UNREACHABLE", "ACME requests are made only by the console's ACME use-cases.");
    const url = new URL(config.url ?? "", config.baseURL);
    if (url.protocol !== "https:" && url.protocol !== "http:") throw new AppError("ERR_ACME_UNREACHABLE", `The ACME CA gave a URL with an unsupported scheme: ${url.protocol}`);
    const method = (config.method ?? "get").toUpperCase();
    if (method !== "GET" && method !== "POST" && method !== "HEAD") throw new AppError("ERR_ACME_UNREACHABLE", `Unsupported ACME request method ${method}.`);
    const extraCa = url.origin === connection.directoryOrigin ? pemCertificates(connection.directoryCaPem) : [];
    const body = typeof config.data === "string" ? new TextEncoder().encode(config.data) : undefined;
    const outcome = await connection.fetcherFor(extraCa.length ? extraCa : undefined)({ url: url.href, method, headers: plainHeaders(config), ...(body ? { body } : {}), acceptAnyStatus: true });
    if (!outcome.ok || outcome.httpStatus === undefined) {
      const blocked = outcome.errorCode === "ERR_FETCH_BLOCKED_ADDRESS" ? " Allow it in Settings (URL allow-list) if it is a private CA." : "";
      throw new AppError("ERR_ACME_UNREACHABLE", `The ACME CA at ${url.host} cannot be reached: ${outcome.error ?? "no answer"} (${outcome.errorCode ?? "ERR_FETCH"}, via ${outcome.route.via}).${blocked}`, { fetchCode: outcome.errorCode, route: outcome.route.via });
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(outcome.headers ?? {})) if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
    const response = { data: new TextDecoder().decode(outcome.body ?? new Uint8Array()), status: outcome.httpStatus, statusText: "", headers, config, request: null };
    if (!config.validateStatus || config.validateStatus(response.status)) return response;
    // As axios's own adapters settle: a response refused by validateStatus rejects with it (acme-client reads it).
    throw Object.assign(new Error(`Request failed with status code ${response.status}`), { isAxiosError: true, config, response, request: null, code: response.status >= 500 ? "ERR_BAD_RESPONSE" : "ERR_BAD_REQUEST" });
  };
  instance.interceptors.response.use((response) => {
    const connection = context.getStore();
    const type = String(response.headers?.["content-type"] ?? "");
    if (connection && type.includes("problem+json") && response.data && typeof response.data === "object") {
      connection.problems.push({ ...(response.data as AcmeProblem), status: response.status });
    }
    return response;
  });
}

/** Runs `work` with acme-client's HTTP guarded and scoped to `connection` (see {@link installGuard}). */
export function withAcmeConnection<T>(connection: Omit<AcmeConnection, "problems">, work: (problems: AcmeProblem[]) => Promise<T>): Promise<T> {
  installGuard();
  const scoped: AcmeConnection = { ...connection, problems: [] };
  return context.run(scoped, () => work(scoped.problems));
}
