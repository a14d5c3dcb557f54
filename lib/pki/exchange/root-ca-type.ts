/**
 * Exchange's `RootCAType` (Get-ExchangeCertificate), computed per server from which of that server's trust
 * stores holds the chain's root, and the hybrid health check built on it: Office 365 only accepts the
 * on-premises SMTP certificate when the root is in the Third-Party Root store (seed article
 * hybrid-pending-rootcatype — mail from Office 365 stayed `Pending` while the root was only in Trusted Root).
 * @packageDocumentation
 */
import { pathCertificate, type CertificateInput } from "../certificate/certificate";

/** Every value of Exchange's `RootCAType`. */
export const ROOT_CA_TYPES = ["None", "ThirdParty", "Enterprise", "Registry", "GroupPolicy", "Unknown"] as const;

/** Exchange's `RootCAType`. */
export type RootCaType = (typeof ROOT_CA_TYPES)[number];

/** SHA-1 thumbprints (40 hex characters, any case) of the roots in each trust store of one server. */
export interface ServerTrustStores {
  /** Third-Party Root Certification Authorities. */
  thirdPartyRoot: ReadonlySet<string>;
  /** Trusted Root Certification Authorities (the registry / local machine store). */
  trustedRoot: ReadonlySet<string>;
  /** Roots delivered by Group Policy. */
  groupPolicy: ReadonlySet<string>;
  /** Enterprise (Active Directory) roots. */
  enterprise: ReadonlySet<string>;
}

/** Input of {@link rootCaType}. */
export interface RootCaTypeInput {
  /** The certification path, leaf first, ending at the trust anchor (`ValidationResult.chain` or `.path`). */
  chain: readonly CertificateInput[];
  /** True for a pending certificate request (no certificate yet). */
  isPending?: boolean;
  stores: ServerTrustStores;
}

/**
 * Order in which the stores are consulted for the root. Exchange reports `ThirdParty` as soon as the root is in
 * the Third-Party Root store, even when it is also in Trusted Root: that is the fix of the hybrid article (import
 * the root into Third-Party Root and RootCAType turns from `Registry` to `ThirdParty`). Group Policy and enterprise
 * roots are also visible through the Trusted Root logical store, so they are checked before the plain registry
 * store; `Registry` means "only in Trusted Root".
 */
export const ROOT_STORE_PRECEDENCE: readonly { store: keyof ServerTrustStores; type: RootCaType }[] = [
  { store: "thirdPartyRoot", type: "ThirdParty" },
  { store: "groupPolicy", type: "GroupPolicy" },
  { store: "enterprise", type: "Enterprise" },
  { store: "trustedRoot", type: "Registry" },
];

const inStore = (store: ReadonlySet<string>, thumbprint: string): boolean => store.has(thumbprint) || store.has(thumbprint.toLowerCase());

/**
 * The RootCAType of a certificate on one server:
 * `Unknown` for a pending request or an empty chain; `None` for a self-signed leaf (a chain of one self-issued
 * certificate); otherwise the store holding the chain's last certificate, by {@link ROOT_STORE_PRECEDENCE};
 * `Unknown` when the root is in none of the server's stores.
 */
export function rootCaType(input: RootCaTypeInput): RootCaType {
  if (input.isPending || input.chain.length === 0) return "Unknown";
  const chain = input.chain.map((c) => pathCertificate(c));
  if (chain.length === 1 && chain[0]!.selfIssued) return "None";
  const root = chain[chain.length - 1]!;
  for (const { store, type } of ROOT_STORE_PRECEDENCE) if (inStore(input.stores[store], root.thumbprint)) return type;
  return "Unknown";
}

/** One certificate installed on a server, as the health check sees it. */
export interface InstalledCertificate {
  thumbprint: string;
  /** Exchange services the certificate is bound to (`IIS`, `SMTP`, …). */
  services: readonly string[];
  /** Leaf first, ending at the trust anchor; empty for a pending request. */
  chain: readonly CertificateInput[];
  isPending?: boolean;
}

/** A problem found by {@link smtpHybridHealth}, with the one-click fix when there is one. */
export interface HybridHealthFinding {
  code: "HYBRID_ROOT_NOT_THIRD_PARTY";
  serverName: string;
  thumbprint: string;
  rootCaType: RootCaType;
  /** Subject and thumbprint of the chain's root, when there is a chain. */
  rootSubject: string | null;
  rootThumbprint: string | null;
  message: string;
  /** Present when adding the root to the server's Third-Party Root store fixes it. */
  fix: { action: "addToThirdPartyRoot"; serverName: string; rootThumbprint: string } | null;
}

function findingMessage(type: RootCaType, serverName: string, rootSubject: string | null): string {
  const head = "hybrid / Office 365 mail may stay Pending";
  const root = rootSubject ? `the root (${rootSubject})` : "the root";
  switch (type) {
    case "Registry":
      return `${head}: ${root} is only in Trusted Root on ${serverName} — add it to Third-Party Root`;
    case "GroupPolicy":
      return `${head}: ${root} is delivered by Group Policy on ${serverName}, not in Third-Party Root — add it to Third-Party Root`;
    case "Enterprise":
      return `${head}: ${root} is an enterprise (Active Directory) root on ${serverName}, not in Third-Party Root — add it to Third-Party Root`;
    case "None":
      return `${head}: the certificate bound to SMTP on ${serverName} is self-signed — Office 365 needs a certificate from a third-party CA`;
    default:
      return rootSubject
        ? `${head}: ${root} is in no trust store on ${serverName} — add it to Third-Party Root`
        : `${head}: the certificate bound to SMTP on ${serverName} has no certification path (pending request or unknown root)`;
  }
}

/**
 * The hybrid mail health check for one server: every certificate bound to SMTP whose RootCAType on that server is
 * not `ThirdParty` gives a finding. Certificates not bound to SMTP are ignored. A self-signed certificate bound to
 * SMTP beside a CA-issued one is ignored too: Exchange transport prefers a CA-issued certificate for STARTTLS, so
 * the self-signed one is never what Office 365 sees. Pure: the stores come in as input.
 */
export function smtpHybridHealth(input: { serverName: string; stores: ServerTrustStores; certificates: readonly InstalledCertificate[] }): HybridHealthFinding[] {
  const findings: HybridHealthFinding[] = [];
  const smtp = input.certificates
    .filter((cert) => cert.services.some((s) => s.toUpperCase() === "SMTP"))
    .map((cert) => ({ cert, type: rootCaType({ chain: cert.chain, isPending: cert.isPending ?? false, stores: input.stores }) }));
  const caIssuedForSmtp = smtp.some(({ cert, type }) => type !== "None" && !cert.isPending && cert.chain.length > 0);
  for (const { cert, type } of smtp) {
    if (type === "ThirdParty") continue;
    if (type === "None" && caIssuedForSmtp) continue;
    const root = !cert.isPending && cert.chain.length > 0 ? pathCertificate(cert.chain[cert.chain.length - 1]!) : null;
    const rootSubject = root ? root.subjectText : null;
    const fixable = root !== null && type !== "None";
    findings.push({
      code: "HYBRID_ROOT_NOT_THIRD_PARTY",
      serverName: input.serverName,
      thumbprint: cert.thumbprint,
      rootCaType: type,
      rootSubject,
      rootThumbprint: root?.thumbprint ?? null,
      message: findingMessage(type, input.serverName, rootSubject),
      fix: fixable ? { action: "addToThirdPartyRoot", serverName: input.serverName, rootThumbprint: root.thumbprint } : null,
    });
  }
  return findings;
}
