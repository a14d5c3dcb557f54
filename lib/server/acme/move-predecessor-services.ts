import { db } from "../db";
import type { Actor } from "../auth/actor";
import { enableServices } from "../certificates/enable-services";

/** The predecessor's services, per server, that the renewed certificate does not serve yet (all of them before it exists). */
export async function predecessorServices(predecessorId: string, renewedId?: string) {
  const cert = await db.certificate.findUnique({ where: { id: predecessorId }, select: { bindings: { select: { serverId: true, service: true } }, defaultSmtpOn: { select: { id: true } } } });
  const taken = new Set(renewedId ? (await db.serviceBinding.findMany({ where: { certificateId: renewedId }, select: { serverId: true, service: true } })).map((b) => `${b.serverId}/${b.service}`) : []);
  const pending = (cert?.bindings ?? []).filter((b) => !taken.has(`${b.serverId}/${b.service}`));
  const byServer = new Map<string, string[]>();
  for (const b of pending) byServer.set(b.serverId, [...(byServer.get(b.serverId) ?? []), b.service]);
  return { byServer, services: [...new Set(pending.map((b) => b.service))], defaultSmtpOn: new Set((cert?.defaultSmtpOn ?? []).map((s) => s.id)) };
}

/**
 * Moves the predecessor's services to the renewed certificate on each server through the same
 * Enable-ExchangeCertificate use-case an admin uses (role check, revocation policy, audit), acting as `actor`.
 * Returns the services moved; throws the first refusal (e.g. `ERR_ACKNOWLEDGEMENT_REQUIRED` under "warn but allow").
 */
export async function movePredecessorServices(actor: Actor, predecessorId: string, renewedId: string, acknowledged: boolean): Promise<string[]> {
  const { byServer, services, defaultSmtpOn } = await predecessorServices(predecessorId, renewedId);
  for (const [serverId, list] of byServer) {
    await enableServices(actor, { certificateId: renewedId, serverIds: [serverId], services: list, acknowledged, replaceDefaultSmtp: defaultSmtpOn.has(serverId) });
  }
  return services;
}
