import type { Tx } from "../db";

/** True when, inside `tx`, at least one enabled administrator remains (checked after a change, before it commits). */
export async function anEnabledAdminRemains(tx: Tx): Promise<boolean> {
  return (await tx.user.count({ where: { role: "admin", disabled: false } })) > 0;
}
