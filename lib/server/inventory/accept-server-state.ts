import { db, type Tx } from "../db";
import { AppError } from "../errors";
import { writeAudit } from "../audit";
import { requirePermission, type Actor } from "../auth/actor";
import { parseInput } from "../certificates/wizard-input";
import { refreshCertificateStatus } from "../certificates/refresh-certificate-status";
import { acceptServerStateSchema } from "@/lib/validations/inventory";
import type { DriftItem } from "@/lib/pki/exchange/drift";
import { serverDrift } from "./get-server-drift";
import type { SnapshotState } from "./snapshot-state";

async function certificateId(tx: Tx, thumbprint: string): Promise<string> {
  const row = await tx.certificate.findUnique({ where: { thumbprint }, select: { id: true } });
  if (!row) throw new AppError("ERR_NOT_FOUND", `The console does not know the certificate ${thumbprint}.`);
  return row.id;
}

/** Makes the console's record of one server follow the server for one drift item. */
async function applyItem(tx: Tx, serverId: string, item: DriftItem, state: SnapshotState) {
  const certId = await certificateId(tx, item.thumbprint);
  const reported = state.certificates.find((c) => c.thumbprint === item.thumbprint);
  switch (item.kind) {
    case "CertificateOnlyOnServer":
      await tx.certificateInstallation.create({ data: { serverId, certificateId: certId, hasPrivateKey: reported?.hasPrivateKey ?? false, privateKeyExportable: Boolean(reported?.hasPrivateKey && reported.privateKeyExportable), rootCaType: reported?.rootCaType ?? "Unknown" } });
      for (const service of reported?.services ?? []) await tx.serviceBinding.create({ data: { serverId, certificateId: certId, service } });
      return;
    case "CertificateOnlyInConsole":
      await tx.serviceBinding.deleteMany({ where: { serverId, certificateId: certId } });
      await tx.certificateInstallation.deleteMany({ where: { serverId, certificateId: certId } });
      await tx.server.updateMany({ where: { id: serverId, defaultSmtpCertificateId: certId }, data: { defaultSmtpCertificateId: null } });
      return;
    case "BindingOnlyOnServer":
      await tx.serviceBinding.create({ data: { serverId, certificateId: certId, service: item.service! } });
      return;
    case "BindingOnlyInConsole":
      await tx.serviceBinding.deleteMany({ where: { serverId, certificateId: certId, service: item.service! } });
      return;
    case "DefaultSmtpDiffers":
      await tx.server.update({ where: { id: serverId }, data: { defaultSmtpCertificateId: state.defaultSmtpThumbprint ? await certificateId(tx, state.defaultSmtpThumbprint) : null } });
      return;
    case "TrustStoreOnlyOnServer":
      await tx.trustStoreEntry.create({ data: { serverId, store: item.store!, certificateId: certId } });
      return;
    case "TrustStoreOnlyInConsole":
      await tx.trustStoreEntry.deleteMany({ where: { serverId, certificateId: certId, store: { in: item.store === "TrustedRoot" ? ["TrustedRoot", "Enterprise", "GroupPolicy"] : [item.store!] } } });
      return;
    case "RootCaTypeDiffers":
      await tx.certificateInstallation.updateMany({ where: { serverId, certificateId: certId }, data: { rootCaType: item.server } });
      return;
  }
}

/**
 * Accepts the server's state for the chosen drift items of one server: the console's record follows the last
 * inventory. Accepting a RootCAType difference accepts the server's trust stores too (RootCAType follows from
 * them). One transaction, audited; an unknown or outdated key is refused and nothing changes.
 */
export async function acceptServerState(actor: Actor | null, input: unknown) {
  requirePermission(actor, "mutate");
  const data = parseInput(acceptServerStateSchema, input);
  const result = await db.$transaction(async (tx) => {
    const drift = await serverDrift(tx, data.server);
    if (!drift.state) throw new AppError("ERR_CONFLICT", `${drift.server.name} has no inventory yet: import one first.`);
    const byKey = new Map(drift.items.map((i) => [i.key, i]));
    const unknown = data.keys.filter((k) => !byKey.has(k));
    if (unknown.length > 0) throw new AppError("ERR_CONFLICT", `These differences no longer exist (reload the page): ${unknown.slice(0, 5).join(", ")}.`, { keys: unknown.slice(0, 50) });
    const chosen = data.keys.map((k) => byKey.get(k)!);
    if (chosen.some((i) => i.kind === "RootCaTypeDiffers")) {
      for (const i of drift.items) if (i.kind.startsWith("TrustStore") && !chosen.includes(i)) chosen.push(i);
    }
    for (const item of chosen) await applyItem(tx, drift.server.id, item, drift.state);
    await writeAudit(tx, actor, {
      action: "inventory.accept-server-state",
      targetType: "server",
      targetId: drift.server.id,
      details: { server: drift.server.name, snapshot: drift.lastInventory?.id, items: chosen.map((i) => ({ key: i.key, console: i.console, server: i.server })) },
    });
    return { server: drift.server.name, accepted: chosen.map((i) => i.key), thumbprints: [...new Set(chosen.map((i) => i.thumbprint))] };
  });
  const rows = await db.certificate.findMany({ where: { thumbprint: { in: result.thumbprints } }, select: { id: true } });
  for (const r of rows) await refreshCertificateStatus(r.id);
  return { server: result.server, accepted: result.accepted };
}
