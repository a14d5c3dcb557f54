import "reflect-metadata"; // @peculiar/x509 (behind the certificate model) needs it loaded first
import { pathCertificate, type PathCertificate } from "@/lib/pki/certificate/certificate";
import type { Tx, Db } from "../db";
import type { ServerTrustStores } from "@/lib/pki/exchange/root-ca-type";

/** Stores whose certificates a server treats as trust anchors. */
export const ROOT_STORES = ["TrustedRoot", "ThirdPartyRoot", "Enterprise", "GroupPolicy"] as const;

/** A server's view of trust: anchors from its root stores, intermediates from its Intermediate store. */
export interface TrustContext {
  serverName: string | null;
  trustAnchors: PathCertificate[];
  intermediates: PathCertificate[];
  /** Thumbprints per root store, for RootCAType. */
  stores: ServerTrustStores;
}

/**
 * Loads the trust context of a server (or of the whole organization when `serverId` is null: every store of
 * every server), plus every CA certificate the console knows as a possible intermediate.
 */
export async function loadTrustContext(tx: Tx | Db, serverId: string | null): Promise<TrustContext> {
  const entries = await tx.trustStoreEntry.findMany({
    where: serverId ? { serverId } : {},
    include: { certificate: { select: { der: true, thumbprint: true } }, server: { select: { name: true } } },
  });
  const knownCas = await tx.certificate.findMany({ where: { isCa: true, isSelfSigned: false }, select: { der: true } });
  const parse = (der: Uint8Array) => pathCertificate(new Uint8Array(der));
  const anchors = entries.filter((e) => (ROOT_STORES as readonly string[]).includes(e.store)).map((e) => parse(e.certificate.der));
  const intermediates = [...entries.filter((e) => e.store === "Intermediate").map((e) => e.certificate.der), ...knownCas.map((c) => c.der)].map(parse);
  const serverName = serverId ? ((await tx.server.findUnique({ where: { id: serverId }, select: { name: true } }))?.name ?? null) : null;
  const thumbprints = (store: string) => new Set(entries.filter((e) => e.store === store).map((e) => e.certificate.thumbprint));
  const stores: ServerTrustStores = {
    thirdPartyRoot: thumbprints("ThirdPartyRoot"),
    trustedRoot: thumbprints("TrustedRoot"),
    groupPolicy: thumbprints("GroupPolicy"),
    enterprise: thumbprints("Enterprise"),
  };
  return { serverName, trustAnchors: anchors, intermediates, stores };
}
