import { db, type Tx, type Db } from "../db";
import { AppError } from "../errors";
import { requirePermission, type Actor } from "../auth/actor";
import { computeDrift, type ServerSideState } from "@/lib/pki/exchange/drift";
import { reportedSide, type SnapshotState } from "./snapshot-state";

/** The console's record of one server, as a drift side. */
async function consoleSide(tx: Tx | Db, serverId: string): Promise<ServerSideState> {
  const server = await tx.server.findUniqueOrThrow({
    where: { id: serverId },
    include: {
      defaultSmtpCertificate: { select: { thumbprint: true } },
      installations: { include: { certificate: { select: { id: true, thumbprint: true } } } },
      bindings: { select: { certificateId: true, service: true } },
      trustStoreEntries: { include: { certificate: { select: { thumbprint: true } } } },
    },
  });
  const inStores = (...stores: string[]) => new Set(server.trustStoreEntries.filter((e) => stores.includes(e.store)).map((e) => e.certificate.thumbprint));
  return {
    certificates: server.installations.map((i) => ({
      thumbprint: i.certificate.thumbprint,
      services: server.bindings.filter((b) => b.certificateId === i.certificate.id).map((b) => b.service),
      rootCaType: i.rootCaType,
      hasPrivateKey: i.hasPrivateKey,
      privateKeyExportable: i.privateKeyExportable,
    })),
    defaultSmtpThumbprint: server.defaultSmtpCertificate?.thumbprint ?? null,
    // The machine's Root store also shows enterprise and Group Policy roots.
    stores: { TrustedRoot: inStores("TrustedRoot", "Enterprise", "GroupPolicy"), ThirdPartyRoot: inStores("ThirdPartyRoot"), Intermediate: inStores("Intermediate") },
  };
}

/** Drift of one server against its last inventory (inside a transaction when accepting). */
export async function serverDrift(tx: Tx | Db, serverName: string) {
  const server = await tx.server.findUnique({ where: { name: serverName }, select: { id: true, name: true, role: true, fqdn: true } });
  if (!server) throw new AppError("ERR_NOT_FOUND", `No server named ${serverName.slice(0, 64)}.`);
  const snapshot = await tx.inventorySnapshot.findFirst({ where: { serverId: server.id }, orderBy: { importedAt: "desc" } });
  if (!snapshot) return { server, lastInventory: null, state: null, items: [] };
  const state = snapshot.state as unknown as SnapshotState;
  const reported = reportedSide(state);
  const storeThumbs = state.stores ? [...state.stores.TrustedRoot, ...state.stores.ThirdPartyRoot, ...state.stores.Intermediate] : [];
  const known = new Set((await tx.certificate.findMany({ where: { thumbprint: { in: [...new Set(storeThumbs)] } }, select: { thumbprint: true } })).map((c) => c.thumbprint));
  const items = computeDrift({ serverName: server.name, console: await consoleSide(tx, server.id), server: reported, knownThumbprints: known });
  return {
    server,
    lastInventory: { id: snapshot.id, collectedAt: snapshot.collectedAt, importedAt: snapshot.importedAt, importedBy: snapshot.importedBy, exchangeVersion: state.exchangeVersion },
    state,
    items,
  };
}

/** Where the console and the last inventory of a server disagree, with the EMS lines to make the server match. */
export async function getServerDrift(actor: Actor | null, serverName: string) {
  requirePermission(actor, "read");
  const { server, lastInventory, items } = await serverDrift(db, serverName);
  return { server, lastInventory, items };
}
