import { db } from "./db";
import { writeAudit } from "./audit";
import { isPkiError } from "@/lib/pki/errors";
import type { Actor } from "./auth/actor";

/**
 * Records a refused attempt (a read-only role trying to change something), so the audit log shows attempts
 * as well as changes. Called by the server-action and API wrappers; never throws.
 */
export async function auditRefusal(error: unknown, actor: Actor | null, action: string, target: string): Promise<void> {
  if (!actor || !isPkiError(error, "ERR_FORBIDDEN")) return;
  try {
    await writeAudit(db, actor, { action, targetType: "request", targetId: target, outcome: "refused", details: { code: error.code, message: error.message } });
  } catch (auditError) {
    console.error("[certconsole] could not audit a refused attempt:", (auditError as Error).message);
  }
}
