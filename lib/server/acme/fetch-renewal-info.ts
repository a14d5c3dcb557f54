import * as acme from "acme-client";
import { ariCertificateId, parseRenewalInfo, type RenewalInfo } from "@/lib/pki/certificate/renewal-window";
import { withAcmeAccount, type AcmeAccountKeys } from "./acme-session";

/** The CA's renewal information for a certificate, or null with the reason (no ARI offered, unreachable, malformed). */
export type RenewalInfoResult = { info: RenewalInfo; retryAfterSeconds?: number } | { info: null; note: string };

/**
 * ACME Renewal Information (RFC 9773): reads `renewalInfo` from the account's directory and GETs
 * `<renewalInfo>/<certID>` through the outbound guard. Never throws: without ARI the caller falls back to the lifetime.
 */
export async function fetchRenewalInfo(account: AcmeAccountKeys, certificateDer: Uint8Array): Promise<RenewalInfoResult> {
  try {
    return await withAcmeAccount(account, "Reading the CA's renewal information", async () => {
      const directory = await acme.axios.get(account.directoryUrl, { responseType: "json" });
      const base = (directory.data as { renewalInfo?: unknown } | null)?.renewalInfo;
      if (directory.status !== 200 || typeof base !== "string") return { info: null, note: "the CA offers no renewal information (no renewalInfo in its directory)" };
      const response = await acme.axios.get(`${base.replace(/\/$/, "")}/${ariCertificateId(certificateDer)}`, { responseType: "json" });
      if (response.status !== 200) return { info: null, note: `the CA's renewal information answered HTTP ${response.status}` };
      const retryAfter = Number(response.headers["retry-after"]);
      return { info: parseRenewalInfo(response.data), ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {}) };
    });
  } catch (error) {
    return { info: null, note: (error as Error).message };
  }
}
