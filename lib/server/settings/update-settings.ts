import { db } from "../db";
import { AppError } from "../errors";
import { writeAudit } from "../audit";
import { requirePermission, type Actor } from "../auth/actor";
import { settingsSchema } from "@/lib/validations/settings";

/** Updates the console settings (revocation policy, proxy, bypass list, …) and audits what changed. */
export async function updateSettings(actor: Actor | null, input: unknown) {
  requirePermission(actor, "mutate");
  const parsed = settingsSchema.safeParse(input);
  if (!parsed.success) {
    throw new AppError("ERR_VALIDATION", parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  }
  const next = parsed.data;
  return db.$transaction(async (tx) => {
    const before = (await tx.setting.findUnique({ where: { id: 1 } })) ?? (await tx.setting.create({ data: { id: 1 } }));
    const changed = Object.fromEntries(
      Object.entries(next)
        .filter(([k, v]) => before[k as keyof typeof before] !== v)
        .map(([k, v]) => [k, { from: before[k as keyof typeof before], to: v }]),
    );
    const saved = await tx.setting.update({ where: { id: 1 }, data: next });
    await writeAudit(tx, actor, {
      action: "revocationPolicy" in changed ? "settings.revocationPolicy" : "settings.update",
      targetType: "settings",
      targetId: "1",
      details: { changed },
    });
    return saved;
  });
}
