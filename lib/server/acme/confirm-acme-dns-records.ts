import { z } from "zod";
import { db } from "../db";
import { AppError } from "../errors";
import { writeAudit } from "../audit";
import { requirePermission, type Actor } from "../auth/actor";
import { parseInput } from "../certificates/wizard-input";
import { toPem } from "@/lib/pki/formats/pem";
import { withAcmeAccount } from "./acme-session";
import { resumeDnsOrder, validateAndFinalize } from "./acme-order-flow";
import { storeAcmeResult, waitForPropagation } from "./acme-issuance";

const confirmSchema = z.object({ acmeOrderId: z.string().trim().min(1).max(64) });

/**
 * The manual solver's second step: the admin says the TXT records are published. The console first asks the
 * authoritative name servers (or those given with the order); while a record is missing the CA is not asked and the
 * order waits (`ERR_ACME_DNS_NOT_PROPAGATED`, audited as refused). Then the CA validates; a failed validation marks the
 * order Failed with the CA's problem in words and installs nothing; success stores and installs like a completed request.
 */
export async function confirmAcmeDnsRecords(actor: Actor | null, input: unknown) {
  requirePermission(actor, "mutate");
  const { acmeOrderId } = parseInput(confirmSchema, input);
  const order = await db.acmeOrder.findUnique({ where: { id: acmeOrderId }, include: { account: true } });
  if (!order) throw new AppError("ERR_NOT_FOUND", "No such ACME order.");
  if (order.status !== "AwaitingConfirmation") throw new AppError("ERR_REQUEST_NOT_PENDING", `This ACME order is ${order.status}, not waiting for DNS records.`);
  const stored = (order.dnsRecords ?? {}) as { nameServers?: string[] };
  const domains = order.domains as string[];
  const serverIds = order.serverIds as string[];
  const audit = { account: order.account.name, orderUrl: order.orderUrl, domains };
  try {
    const chainPem = await withAcmeAccount(order.account, "Validating the ACME order", async (client) => {
      const placed = await resumeDnsOrder(client, order.orderUrl);
      await waitForPropagation(placed, stored.nameServers?.length ? stored.nameServers : undefined, 1);
      return validateAndFinalize(client, placed, toPem(new Uint8Array(order.csrDer), "CERTIFICATE REQUEST"));
    });
    const key = await db.privateKey.findUniqueOrThrow({ where: { id: order.privateKeyId }, select: { id: true, exportable: true } });
    const issued = await storeAcmeResult({
      actor,
      account: order.account,
      orderId: order.id,
      orderUrl: order.orderUrl,
      chainPem,
      csrDer: new Uint8Array(order.csrDer),
      privateKey: { id: key.id },
      friendlyName: order.friendlyName,
      exportable: key.exportable,
      serverIds,
      domains,
      solver: "manual",
      renewsCertificateId: order.renewsCertificateId,
      autoEnableServices: order.autoEnableServices,
      auditAction: "acme.certificate.issue",
    });
    return { status: "Issued" as const, certificate: issued };
  } catch (error) {
    const e = error as AppError;
    if (e.code === "ERR_ACME_DNS_NOT_PROPAGATED") {
      await writeAudit(db, actor, { action: "acme.order.confirm", targetType: "acmeOrder", targetId: order.id, outcome: "refused", details: { ...audit, code: e.code, message: e.message } });
      throw error;
    }
    await db.$transaction(async (tx) => {
      await tx.acmeOrder.update({ where: { id: order.id }, data: { status: "Failed", errorCode: e.code ?? "ERR_ACME_PROBLEM", problem: e.message } });
      await writeAudit(tx, actor, { action: "acme.order.confirm", targetType: "acmeOrder", targetId: order.id, outcome: "failed", details: { ...audit, code: e.code, message: e.message } });
    });
    throw error;
  }
}

