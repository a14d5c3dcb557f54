"use server";

import { revalidatePath } from "next/cache";
import { safeAction } from "@/lib/actions/safe-action";
import { addPartnerHost } from "@/lib/server/partners/add-partner-host";
import { removePartnerHost } from "@/lib/server/partners/remove-partner-host";
import { probePartnerHostNow } from "@/lib/server/partners/probe-partner-host";
import { idInputSchema, partnerHostInputSchema } from "@/lib/validations/endpoints";

/** Adds a partner host (admin; audited by the use-case). */
export const addPartnerHostAction = safeAction(
  "partner.add",
  partnerHostInputSchema,
  async (input, actor) => {
    const p = await addPartnerHost(actor, input);
    revalidatePath("/partners");
    return { id: p.id };
  },
);

/** Removes a partner host (admin; audited). */
export const removePartnerHostAction = safeAction("partner.remove", idInputSchema, async (input, actor) => {
  const r = await removePartnerHost(actor, input.id);
  revalidatePath("/partners");
  return r;
});

/** Probes one partner host now (anyone signed in; audited). */
export const probePartnerHostAction = safeAction("partner.probe", idInputSchema, async (input, actor) => {
  const r = await probePartnerHostNow(actor, input.id);
  revalidatePath("/partners");
  return r;
});
