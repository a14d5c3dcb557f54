import { AsyncLocalStorage } from "node:async_hooks";
import http from "node:http";
import https from "node:https";
import tls from "node:tls";
import type { LookupFunction } from "node:net";
import * as acme from "acme-client";
import { vetHost, type AddressPolicy } from "@/lib/net/address-guard";
import { AppError } from "../errors";

/** A problem document (RFC 7807) an ACME CA answered with. */
export interface AcmeProblem {
  type: string;
  detail: string;
  status?: number;
  subproblems?: Array<{ type?: string; detail?: string; identifier?: { value?: string } }>;
}

/** What one ACME operation may connect to: the guard's policy, and the CA trusted for the directory's origin only. */
export interface AcmeConnection {
  policy: AddressPolicy;
  /** Origin (`https://host:port`) of the ACME directory, and the PEM CA certificates trusted for it alone. */
  directoryOrigin: string;
  directoryCaPem: string;
  timeoutMs: number;
  /** The problem documents seen during the operation, newest last. */
  problems: AcmeProblem[];
}

const context = new AsyncLocalStorage<AcmeConnection>();
let installed = false;

/** Splits PEM text into its certificates. */
function pemCertificates(pem: string): string[] {
  return pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
}

/**
 * Routes acme-client's HTTP (its own axios instance) through the console's outbound guard: every request's host
 * is vetted by {@link vetHost} against the admin's allow-list and the vetted address is the one connected to; the
 * directory's own CA (a private ACME CA) is trusted for that origin only, beside the system roots, never globally.
 * Environment proxies are not used. A request outside {@link withAcmeConnection} is refused.
 */
function installGuard(): void {
  if (installed) return;
  installed = true;
  const instance = acme.axios;
  // Bounded work: acme-client retries network errors and 5xx with growing delays; keep them short and few.
  const defaults = instance.defaults as typeof instance.defaults & { acmeSettings: Record<string, number> };
  defaults.acmeSettings = { ...defaults.acmeSettings, retryMaxAttempts: 2, retryDefaultDelay: 1 };
  instance.interceptors.request.use(async (config) => {
    const connection = context.getStore();
    if (!connection) throw new AppError("ERR_ACME_UNREACHABLE", "ACME requests are made only by the console's ACME use-cases.");
    const url = new URL(config.url ?? "", config.baseURL);
    if (url.protocol !== "https:" && url.protocol !== "http:") throw new AppError("ERR_ACME_UNREACHABLE", `The ACME CA gave a URL with an unsupported scheme: ${url.protocol}`);
    const vet = await vetHost(url.hostname, connection.policy);
    if (!vet.ok) throw new AppError("ERR_ACME_UNREACHABLE", `The ACME CA at ${url.host} cannot be reached: ${vet.error}. Allow it in Settings (URL allow-list) if it is a private CA.`);
    const lookup: LookupFunction = (_host, options, callback) => {
      if ((options as { all?: boolean }).all) (callback as unknown as (e: null, a: Array<{ address: string; family: number }>) => void)(null, [{ address: vet.address, family: vet.family }]);
      else callback(null, vet.address, vet.family);
    };
    const extraCa = url.origin === connection.directoryOrigin ? pemCertificates(connection.directoryCaPem) : [];
    config.proxy = false;
    config.timeout = connection.timeoutMs;
    config.maxRedirects = 0;
    if (url.protocol === "https:") {
      config.httpsAgent = new https.Agent({ keepAlive: false, lookup, ...(extraCa.length ? { ca: [...tls.rootCertificates, ...extraCa] } : {}) });
    } else {
      config.httpAgent = new http.Agent({ keepAlive: false, lookup });
    }
    return config;
  });
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
