import { db } from "../db";
import { AppError } from "../errors";
import { writeAudit } from "../audit";
import { requirePermission, type Actor } from "../auth/actor";
import { parseInput } from "../certificates/wizard-input";
import { acmeAccountIdSchema } from "@/lib/validations/acme";
import { withAcmeAccount } from "./acme-session";

/**
 * Deactivates an ACME account at its CA (RFC 8555 §7.3.6, signed with the account key) and marks it so: it is kept
 * for the history of its orders but never orders, renews or revokes again. The CA's refusal is audited as failed and
 * changes nothing here.
 */
export async function deactivateAcmeAccount(actor: Actor | null, input: unknown) {
  requirePermission(actor, "mutate");
  const { accountId } = parseInput(acmeAccountIdSchema, input);
  const account = await db.acmeAccount.findUnique({ where: { id: accountId } });
  if (!account) throw new AppError("ERR_NOT_FOUND", "No such ACME account.");
  if (account.deactivatedAt) throw new AppError("ERR_ACME_ACCOUNT_DEACTIVATED", `The ACME account "${account.name}" is already deactivated.`);
  const details = { name: account.name, directoryUrl: account.directoryUrl, accountUrl: account.accountUrl };
  try {
    await withAcmeAccount(account, "Deactivating the ACME account", (client) => client.updateAccount({ status: "deactivated" }));
  } catch (error) {
    const e = error as AppError;
    await writeAudit(db, actor, { action: "acme.account.deactivate", targetType: "acmeAccount", targetId: account.id, outcome: "failed", details: { ...details, code: e.code, message: e.message } });
    throw error;
  }
  return db.$transaction(async (tx) => {
    const row = await tx.acmeAccount.update({ where: { id: account.id }, data: { deactivatedAt: new Date() }, select: { id: true, name: true, deactivatedAt: true } });
    await writeAudit(tx, actor, { action: "acme.account.deactivate", targetType: "acmeAccount", targetId: account.id, details });
    return row;
  });
}
