"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { safeAction } from "@/lib/actions/safe-action";
import { addTrustStoreEntry } from "@/lib/server/trust-stores/add-trust-store-entry";
import { removeTrustStoreEntry } from "@/lib/server/trust-stores/remove-trust-store-entry";
import { copyTrustStoreEntry } from "@/lib/server/trust-stores/copy-trust-store-entry";
import { fixHybridRoot } from "@/lib/server/health/fix-hybrid-root";
import { addTrustStoreEntrySchema, copyTrustStoreEntrySchema, removeTrustStoreEntrySchema } from "@/lib/validations/trust-store";

function refreshed<T>(value: T): T {
  revalidatePath("/trust-stores");
  revalidatePath("/certificates");
  revalidatePath("/dashboard");
  return value;
}

export const addTrustStoreEntryAction = safeAction("trustStore.add", addTrustStoreEntrySchema, async (input, actor) => refreshed(await addTrustStoreEntry(actor, input)));
export const removeTrustStoreEntryAction = safeAction("trustStore.remove", removeTrustStoreEntrySchema, async (input, actor) => refreshed(await removeTrustStoreEntry(actor, input)));
export const copyTrustStoreEntryAction = safeAction("trustStore.copy", copyTrustStoreEntrySchema, async (input, actor) => refreshed(await copyTrustStoreEntry(actor, input)));
export const fixHybridRootAction = safeAction(
  "health.fixHybridRoot",
  z.object({ server: z.string().min(1).max(64), rootThumbprint: z.string().regex(/^[0-9A-Fa-f]{40}$/) }),
  async (input, actor) => refreshed(await fixHybridRoot(actor, input)),
);
