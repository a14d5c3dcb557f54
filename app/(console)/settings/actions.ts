"use server";

import { revalidatePath } from "next/cache";
import { safeAction } from "@/lib/actions/safe-action";
import { updateSettings } from "@/lib/server/settings/update-settings";
import { settingsSchema } from "@/lib/validations/settings";

/** Saves the Settings form. The use-case enforces the admin role and audits the change. */
export const saveSettingsAction = safeAction("settings.update", settingsSchema, async (input, actor) => {
  const saved = await updateSettings(actor, input);
  revalidatePath("/settings");
  return { revocationPolicy: saved.revocationPolicy, updatedAt: saved.updatedAt.toISOString() };
});
