/**
 * Every Exchange certificate status and every common cause behind it, explained in plain words for helpdesk
 * and administrators: what it means, what to do, and the technical detail. One table keyed by status and cause
 * codes, used by the web console and available to the CLI.
 * @packageDocumentation
 */
import { EXCHANGE_STATUSES, type ExchangeStatus } from "./status";

/** Stable codes of the common causes behind a status. The string values are the contract. */
export const STATUS_CAUSES = [
  "timeout",
  "dns",
  "proxyRefused",
  "connectionRefused",
  "http404",
  "httpError",
  "staleCrl",
  "badCrlSignature",
  "noCdp",
  "blockedAddress",
  "untrustedRoot",
  "expired",
  "notYetValid",
  "nameMismatch",
  "rootCaTypeRegistry",
] as const;

/** One of {@link STATUS_CAUSES}. */
export type StatusCause = (typeof STATUS_CAUSES)[number];

/** What the sentences may name: the host or URL that failed, the proxy, the servers concerned, a date. */
export interface ExplanationContext {
  host?: string;
  url?: string;
  proxy?: string;
  servers?: readonly string[];
  date?: string;
}

/** A plain-words explanation: a short title, what it means, what to do. */
export interface Explanation {
  code: string;
  title: string;
  meaning: string;
  action: string;
}

type Text = (c: ExplanationContext) => string;
interface Entry {
  title: string;
  meaning: Text;
  action: Text;
}

const host = (c: ExplanationContext, fallback = "the CRL server") => c.host ?? fallback;
const servers = (c: ExplanationContext, fallback = "the server") => (c.servers?.length ? c.servers.join(", ") : fallback);
const PROBABLY_FINE = "The certificate is probably fine, but this cannot be confirmed.";

/** Plain words for each Exchange status (the EMC's own sentence stays in `EXCHANGE_STATUS_DESCRIPTIONS`). */
export const STATUS_EXPLANATIONS: Readonly<Record<ExchangeStatus, Entry>> = {
  Valid: {
    title: "Valid",
    meaning: () => "The certificate is trusted, within its dates, and its certification authority confirmed that it has not been revoked.",
    action: () => "Nothing to do.",
  },
  Revoked: {
    title: "Revoked",
    meaning: () => "The certification authority that issued this certificate says it must no longer be used. Clients and partner mail servers will refuse it.",
    action: () => "Replace it: request a new certificate, assign it to the same services, then remove this one.",
  },
  RevocationCheckFailure: {
    title: "Revocation check failed",
    meaning: () => `Exchange could not reach the list that says whether this certificate was revoked. ${PROBABLY_FINE}`,
    action: () =>
      "Fix the cause below, then press Check now. Services already using the certificate keep working. Under the strict policy it cannot be assigned to more services until the check succeeds; under warn-but-allow it can, with an acknowledged warning.",
  },
  DateInvalid: {
    title: "Expired or not yet valid",
    meaning: () => "The certificate is outside its validity dates. Clients and mail servers refuse it.",
    action: () => "Renew it, complete the request with the CA's answer, assign the new certificate to the same services, then remove this one.",
  },
  Untrusted: {
    title: "Not trusted",
    meaning: () => "The certificate's chain ends at a root certification authority that the server does not trust.",
    action: () => "Add the root certificate to Third-Party Root on the servers concerned (Trust stores page), or use a certificate from a public CA.",
  },
  Invalid: {
    title: "Invalid",
    meaning: () => "The certificate is broken for Exchange use: a signature in its chain does not verify, or it is not allowed for server use.",
    action: () => "Ask the certification authority for a new certificate.",
  },
  PendingRequest: {
    title: "Pending request",
    meaning: () => "This is a request waiting for the certification authority's answer. There is no certificate yet.",
    action: () => "Send the request to the CA. When the CA answers, use Complete Pending Request with the file it returns.",
  },
  Unknown: {
    title: "Not checked yet",
    meaning: () => "The console has not checked this certificate yet.",
    action: () => "Wait for the background check (a few seconds after start), or press Check now on the Revocation tab.",
  },
};

/** Plain words for each common cause. */
export const CAUSE_EXPLANATIONS: Readonly<Record<StatusCause, Entry>> = {
  timeout: {
    title: "The revocation list server did not answer in time",
    meaning: (c) => `Exchange asked ${host(c)} for the revocation list but got no answer in time. ${PROBABLY_FINE}`,
    action: (c) =>
      `An administrator can check that outbound HTTP to ${host(c)} is open (firewall, proxy). If the proxy cannot reach it, add ${host(c)} to the proxy bypass list in Settings. Then press Check now.`,
  },
  dns: {
    title: "The revocation list server's name was not found",
    meaning: (c) => `The name ${host(c)} could not be found in DNS, so the revocation list could not be fetched. ${PROBABLY_FINE}`,
    action: (c) => `An administrator can check the server's DNS settings and that ${host(c)} resolves (for an internal CA, publish that name in DNS). Then press Check now.`,
  },
  proxyRefused: {
    title: "The proxy refused or could not be reached",
    meaning: (c) =>
      `Exchange could not reach the list that says whether this certificate was revoked, because the proxy${c.proxy ? ` ${c.proxy}` : ""} refused or did not answer. ${PROBABLY_FINE}`,
    action: (c) =>
      `An administrator can add ${host(c)} to the proxy bypass list in Settings, or open outbound HTTP to it through the proxy. This is the usual fix (KB 979694: Exchange uses the server's own proxy setting, not the browser's).`,
  },
  connectionRefused: {
    title: "The revocation list server refused the connection",
    meaning: (c) => `${host(c)} refused the connection: the web server that publishes the revocation list is down or not listening. ${PROBABLY_FINE}`,
    action: (c) => `Ask the owner of ${host(c)} to bring the CRL web server back (for an internal CA, check IIS on that host), or open the firewall to it. Then press Check now.`,
  },
  http404: {
    title: "The revocation list is missing (HTTP 404)",
    meaning: (c) => `The web server answered, but there is no revocation list at ${c.url ?? "the address in the certificate"}. ${PROBABLY_FINE}`,
    action: () => "Ask the certification authority to publish its CRL at that address again (Active Directory Certificate Services: certutil -crl, then copy the file to the CDP location).",
  },
  httpError: {
    title: "The revocation list server returned an error",
    meaning: (c) => `The web server at ${host(c)} answered with an HTTP error instead of the revocation list. ${PROBABLY_FINE}`,
    action: (c) => `Ask the owner of ${host(c)} to fix the CRL web site. Then press Check now.`,
  },
  staleCrl: {
    title: "The revocation list is out of date",
    meaning: () => `The revocation list was fetched, but it is stale: its next update was due and the CA has not published a newer one. ${PROBABLY_FINE}`,
    action: () => "Ask the certification authority to publish a fresh CRL (Active Directory Certificate Services: certutil -crl). Then press Check now.",
  },
  badCrlSignature: {
    title: "The revocation list's signature is wrong",
    meaning: () => "The revocation list was fetched, but its signature does not match the certification authority, so it cannot be trusted.",
    action: () => "Ask the certification authority: the CRL is corrupt or signed with another key (after a CA key renewal, the CRL must be signed with the current key).",
  },
  noCdp: {
    title: "The certificate names no revocation list",
    meaning: () => "The certificate does not say where to check whether it was revoked (no CRL distribution point and no OCSP address).",
    action: () => "Ask the certification authority for a certificate that includes a CRL distribution point.",
  },
  blockedAddress: {
    title: "The console refused to fetch a private address",
    meaning: (c) => `The console did not fetch ${host(c, "the revocation list")}: it is a private or local address that is not on the URL allow-list.`,
    action: (c) => `An administrator can add ${host(c, "that host")} to the URL allow-list in Settings. Then press Check now.`,
  },
  untrustedRoot: {
    title: "The root is not trusted",
    meaning: (c) => `The certificate's chain ends at a root certification authority that ${servers(c)} ${c.servers && c.servers.length > 1 ? "do" : "does"} not trust.`,
    action: (c) => `An administrator can add the root to Third-Party Root on ${servers(c)} (Trust stores page), or use a certificate from a public CA.`,
  },
  expired: {
    title: "The certificate has expired",
    meaning: (c) => `The certificate expired${c.date ? ` on ${c.date}` : ""}. Clients and partner mail servers refuse it (transport event 12016).`,
    action: () => "Renew it, complete the request with the CA's answer, assign the new certificate to the same services, then remove the expired one.",
  },
  notYetValid: {
    title: "The certificate is not valid yet",
    meaning: (c) => `The certificate only becomes valid${c.date ? ` on ${c.date}` : " later"}. Check the server's clock if that date has passed.`,
    action: () => "Wait until it becomes valid, or fix the server's date and time.",
  },
  nameMismatch: {
    title: "The name does not match",
    meaning: (c) => `The certificate does not cover the name clients use${c.host ? ` (${c.host})` : ""}, so they get a name warning or refuse to connect.`,
    action: (c) => `Assign a certificate whose domains include ${c.host ?? "that name"}, or request a new one that does (New Certificate wizard).`,
  },
  rootCaTypeRegistry: {
    title: "RootCAType Registry",
    meaning: (c) =>
      `On ${servers(c)} the root is only in the Trusted Root store, so Exchange reports RootCAType Registry. Mail to and from Office 365 (hybrid) needs ThirdParty and stays Pending until this is fixed.`,
    action: (c) => `Add the root to Third-Party Root on ${servers(c)} (the Trust stores page offers a one-click fix).`,
  },
};

/** The plain-words explanation of a status; unrecognised values are explained as `Unknown`. */
export function explainStatus(status: string): Explanation {
  const key: ExchangeStatus = (EXCHANGE_STATUSES as readonly string[]).includes(status) ? (status as ExchangeStatus) : "Unknown";
  const e = STATUS_EXPLANATIONS[key];
  return { code: key, title: e.title, meaning: e.meaning({}), action: e.action({}) };
}

/** The plain-words explanation of a cause, with the host, proxy, servers or date filled in. */
export function explainCause(cause: StatusCause, context: ExplanationContext = {}): Explanation {
  const e = CAUSE_EXPLANATIONS[cause];
  return { code: cause, title: e.title, meaning: e.meaning(context), action: e.action(context) };
}

/** The cause of one failed fetch or check, from its stable error code (and HTTP status), or `null`. */
export function causeOfErrorCode(errorCode: string | undefined, httpStatus?: number): StatusCause | null {
  switch (errorCode) {
    case "ERR_FETCH_TIMEOUT":
    case "ERR_PROBE_TIMEOUT":
      return "timeout";
    case "ERR_FETCH_DNS":
    case "ERR_PROBE_DNS":
      return "dns";
    case "ERR_FETCH_PROXY":
    case "ERR_PROBE_PROXY":
      return "proxyRefused";
    case "ERR_FETCH_REFUSED":
    case "ERR_FETCH_UNREACHABLE":
    case "ERR_FETCH_RESET":
      return "connectionRefused";
    case "ERR_FETCH_HTTP_STATUS":
      return httpStatus === 404 ? "http404" : "httpError";
    case "ERR_CRL_STALE":
      return "staleCrl";
    case "ERR_CRL_BAD_SIGNATURE":
    case "ERR_CRL_WRONG_ISSUER":
      return "badCrlSignature";
    case "ERR_FETCH_BLOCKED_ADDRESS":
      return "blockedAddress";
    case "ERR_NO_PATH":
      return "untrustedRoot";
    case "ERR_EXPIRED":
      return "expired";
    case "ERR_NOT_YET_VALID":
      return "notYetValid";
    case "ERR_NAME_MISMATCH":
      return "nameMismatch";
    default:
      return null;
  }
}
