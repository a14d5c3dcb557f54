"use server";

import { revalidatePath } from "next/cache";
import { safeAction } from "@/lib/actions/safe-action";
import { acceptServerState } from "@/lib/server/inventory/accept-server-state";
import { acceptServerStateSchema } from "@/lib/validations/inventory";

export const acceptServerStateAction = safeAction("inventory.accept-server-state", acceptServerStateSchema, async (input, actor) => {
  const result = await acceptServerState(actor, input);
  revalidatePath("/servers");
  revalidatePath("/certificates");
  return result;
});
