import { db } from "../db";
import { requirePermission, type Actor } from "../auth/actor";

/** The single settings row, created with defaults when missing. */
export async function getSettings(actor: Actor | null) {
  requirePermission(actor, "read");
  return readSettings();
}

/** Settings for internal use (jobs, revocation engine): no role check, no mutation beyond creating defaults. */
export async function readSettings() {
  return (await db.setting.findUnique({ where: { id: 1 } })) ?? db.setting.create({ data: { id: 1 } });
}
