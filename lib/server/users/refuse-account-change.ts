import { db } from "../db";
import { writeAudit } from "../audit";
import { AppError } from "../errors";
import type { Actor } from "../auth/actor";

/** Records a refused account change (nothing else is written) and throws it with its stable code. */
export async function refuseAccountChange(actor: Actor, action: string, targetId: string, code: string, message: string, details: Record<string, unknown> = {}): Promise<never> {
  await writeAudit(db, actor, { action, targetType: "user", targetId, outcome: "refused", details: { ...details, code } });
  throw new AppError(code, message);
}

