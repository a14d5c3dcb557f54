/**
 * Exchange domain scoping: the New Exchange Certificate wizard's answers → the SAN list and a
 * proposed common name. Pure and deterministic.
 *
 * Rules (in this order):
 * 1. Wildcard: with `wildcard` and a `rootDomain`, `*.<root>` is the first domain and the proposed
 *    CN. Names it already covers (exactly one label under the root) are not repeated; anything else
 *    answered later (other domains, deeper names) is still added.
 * 2. Services, in wizard order — OWA, ActiveSync, Outlook Anywhere, EWS, OAB, POP, IMAP, UM,
 *    Hub Transport/SMTP, legacy host — each with external names first, then internal names.
 * 3. Autodiscover, for the root domain and each accepted domain: the long form
 *    `autodiscover.<domain>` (default on) and, when chosen, the short form `<domain>`.
 * 4. Names are validated (see ./domain-name), trimmed, lower-cased and de-duplicated keeping the
 *    first position. Every name records which answers asked for it (`sources`).
 * 5. Proposed CN: the wildcard, else OWA's first external name, else Outlook Anywhere's, else the
 *    first name of the list. The CN is always the first SAN (clients that read only the CN work).
 * 6. Warnings (not errors): internal-only names (single label, `.local`, `.lan`, `.internal`, …)
 *    that public CAs have refused since 2015; a wildcard used for POP/IMAP (Exchange discourages
 *    it); no autodiscover name when the wizard asked for Outlook Anywhere.
 * @packageDocumentation
 */
import { findDomainNameProblem } from "../name/domain-name";
import { PkiError } from "../errors";

/** Host names for one service, as typed in the wizard. */
export interface ServiceHosts {
  internal?: readonly string[];
  external?: readonly string[];
}

/** The wizard's answers. Every part is optional. */
export interface DomainScopeAnswers {
  /** Root domain of the organisation, e.g. `contoso.com`. */
  rootDomain?: string;
  /** Request a wildcard certificate for the root domain. */
  wildcard?: boolean;
  owa?: ServiceHosts;
  activeSync?: ServiceHosts;
  outlookAnywhere?: ServiceHosts;
  exchangeWebServices?: ServiceHosts;
  oab?: ServiceHosts;
  pop?: ServiceHosts;
  imap?: ServiceHosts;
  um?: ServiceHosts;
  /** Hub Transport: SMTP names (receive connector FQDN, mutual TLS). */
  hubTransport?: ServiceHosts;
  /** Legacy host for coexistence with older Exchange, e.g. `legacy.contoso.com`. */
  legacyHost?: string;
  /** Autodiscover choices; `longForm` defaults to true when Outlook Anywhere or OWA is used. */
  autodiscover?: { longForm?: boolean; shortForm?: boolean; internal?: readonly string[] };
  /** Accepted domains: each gets autodiscover names like the root domain. */
  acceptedDomains?: readonly string[];
}

/** What {@link scopeCertificateDomains} proposes. */
export interface DomainScope {
  /** Ordered, de-duplicated SAN list; the first is the proposed CN. */
  domains: string[];
  commonName: string;
  /** For each domain, the answers that asked for it, e.g. `OWA (external)`. */
  sources: Record<string, string[]>;
  warnings: string[];
}

const SERVICES: [keyof DomainScopeAnswers, string][] = [
  ["owa", "OWA"],
  ["activeSync", "ActiveSync"],
  ["outlookAnywhere", "Outlook Anywhere"],
  ["exchangeWebServices", "EWS"],
  ["oab", "OAB"],
  ["pop", "POP"],
  ["imap", "IMAP"],
  ["um", "UM"],
  ["hubTransport", "Hub Transport (SMTP)"],
];
const INTERNAL_SUFFIX = /\.(local|lan|internal|intranet|corp|private|home|localdomain)$/i;

/** Turns the wizard's answers into the SAN list and a proposed CN. Throws `ERR_DOMAIN_INVALID`. */
export function scopeCertificateDomains(answers: DomainScopeAnswers): DomainScope {
  const domains: string[] = [];
  const sources: Record<string, string[]> = {};
  const warnings: string[] = [];
  const root = answers.rootDomain?.trim().toLowerCase();
  const wildcard = answers.wildcard && root ? `*.${root}` : null;
  const covered = (name: string) => wildcard !== null && name.endsWith(`.${root}`) && !name.slice(0, -(root!.length + 1)).includes(".");
  const add = (raw: string, source: string) => {
    const name = raw.trim().toLowerCase();
    if (name === "") return;
    const problem = findDomainNameProblem(name);
    if (problem) throw new PkiError("ERR_DOMAIN_INVALID", `${source}: ${problem}`, { domain: raw, source });
    const key = name !== wildcard && covered(name) ? wildcard! : name;
    if (!sources[key]) {
      sources[key] = [];
      domains.push(key);
    }
    if (!sources[key].includes(source)) sources[key].push(source);
  };

  if (answers.wildcard && !root) throw new PkiError("ERR_DOMAIN_INVALID", "A wildcard certificate needs a root domain (e.g. contoso.com).");
  if (wildcard) add(wildcard, "Wildcard");

  for (const [key, label] of SERVICES) {
    const hosts = answers[key] as ServiceHosts | undefined;
    for (const h of hosts?.external ?? []) add(h, `${label} (external)`);
    for (const h of hosts?.internal ?? []) add(h, `${label} (internal)`);
  }
  if (answers.legacyHost) add(answers.legacyHost, "Legacy Exchange");

  const adDomains = [...(root ? [root] : []), ...(answers.acceptedDomains ?? []).map((d) => d.trim().toLowerCase())];
  const usesClients = Boolean(answers.outlookAnywhere || answers.owa || answers.activeSync);
  const longForm = answers.autodiscover?.longForm ?? (usesClients || answers.autodiscover !== undefined);
  for (const d of adDomains) {
    if (longForm) add(`autodiscover.${d}`, `Autodiscover (${d}, long form)`);
    if (answers.autodiscover?.shortForm) add(d, `Autodiscover (${d}, short form)`);
  }
  for (const h of answers.autodiscover?.internal ?? []) add(h, "Autodiscover (internal)");

  if (domains.length === 0) throw new PkiError("ERR_DOMAIN_INVALID", "The answers name no domain: give a root domain or at least one host name.");

  const firstExternal = (k: "owa" | "outlookAnywhere") => answers[k]?.external?.[0]?.trim().toLowerCase();
  const pick = wildcard ?? firstExternal("owa") ?? firstExternal("outlookAnywhere") ?? domains[0]!;
  const commonName = covered(pick) && wildcard ? wildcard : pick;
  domains.splice(domains.indexOf(commonName), 1);
  domains.unshift(commonName);

  const internal = domains.filter((d) => !d.includes(".") || INTERNAL_SUFFIX.test(d));
  if (internal.length > 0) warnings.push(`Public certification authorities no longer issue certificates for internal names (${internal.join(", ")}); use them only with an internal CA.`);
  if (wildcard && (answers.pop || answers.imap)) warnings.push("Exchange discourages wildcard certificates for POP and IMAP; clients may reject them.");
  if (answers.outlookAnywhere && !domains.some((d) => d.startsWith("autodiscover.")) && !answers.autodiscover?.shortForm && !wildcard) {
    warnings.push("Outlook Anywhere is configured but no Autodiscover name is requested; Outlook clients outside the network will not find the server.");
  }
  return { domains, commonName, sources, warnings };
}
