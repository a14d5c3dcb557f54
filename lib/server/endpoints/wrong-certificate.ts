import type { CertificateRef, WrongCertificate } from "./stored-report";

/** What restarting each Exchange service means, for the alert's advice. */
const RESTART: Record<string, string> = {
  IIS: "iisreset",
  SMTP: "Restart-Service MSExchangeTransport",
  IMAP: "Restart-Service MSExchangeIMAP4",
  POP: "Restart-Service MSExchangePOP3",
  UM: "Restart-Service MSExchangeUM",
  UMCallRouter: "Restart-Service MSExchangeUMCR",
};

const day = (iso: string) => iso.slice(0, 10);

function describePresented(c: CertificateRef, now: Date): string {
  if (!c.known)
    return `thumbprint ${c.thumbprint}; unknown to the console — not imported on any server it manages`;
  const expired = new Date(c.notAfter).getTime() < now.getTime();
  const dates = expired ? `expired ${day(c.notAfter)}` : `valid until ${day(c.notAfter)}`;
  return `thumbprint ${c.thumbprint}; known to the console as "${c.known.friendlyName || "(no friendly name)"}", ${c.known.status}, ${dates}`;
}

function describeBound(c: CertificateRef): string {
  const name = c.known?.friendlyName ? `"${c.known.friendlyName}", ` : "";
  return `${c.subject} (${name}thumbprint ${c.thumbprint}, valid until ${day(c.notAfter)})`;
}

/** Where the endpoint is, for messages. */
export interface EndpointPlace {
  server: string;
  service: string;
  target: string;
}

/**
 * Compares the leaf an endpoint presented with the certificates bound to that server and service (Get-ExchangeCertificate
 * thumbprints): null when it is one of them, or when nothing is bound (nothing to compare with); otherwise the
 * "wrong certificate in use" finding, with a message naming both certificates and what to do — the seed article's
 * "renewed, but Enable-ExchangeCertificate was not run again, so the legacy certificate is still in use".
 */
export function findWrongCertificate(
  place: EndpointPlace,
  presented: CertificateRef | null,
  bound: readonly CertificateRef[],
  now: Date,
): WrongCertificate | null {
  if (!presented || bound.length === 0) return null;
  if (bound.some((b) => b.thumbprint === presented.thumbprint)) return null;
  const first = bound[0]!;
  const restart = RESTART[place.service];
  const message =
    `${place.server} ${place.service} at ${place.target} presents ${presented.subject} (${describePresented(presented, now)}), ` +
    `not the certificate bound to ${place.service} on ${place.server}: ${bound.map(describeBound).join(" or ")}. ` +
    `Renewed but the old certificate is still in use — re-run the service assignment (Enable-ExchangeCertificate) / restart the service: ` +
    `Enable-ExchangeCertificate -Server ${place.server} -Thumbprint ${first.thumbprint} -Services ${place.service}${restart ? `, then ${restart}` : ""}.`;
  return { presented, bound: [...bound], message };
}
