"use server";

import { revalidatePath } from "next/cache";
import { safeAction } from "@/lib/actions/safe-action";
import { addEndpoint } from "@/lib/server/endpoints/add-endpoint";
import { removeEndpoint } from "@/lib/server/endpoints/remove-endpoint";
import { probeEndpointNow } from "@/lib/server/endpoints/probe-endpoint";
import { endpointInputSchema, idInputSchema } from "@/lib/validations/endpoints";

/** Adds an endpoint (admin; audited by the use-case). */
export const addEndpointAction = safeAction("endpoint.add", endpointInputSchema, async (input, actor) => {
  const e = await addEndpoint(actor, input);
  revalidatePath("/endpoints");
  return { id: e.id };
});

/** Removes an endpoint (admin; audited). */
export const removeEndpointAction = safeAction("endpoint.remove", idInputSchema, async (input, actor) => {
  const r = await removeEndpoint(actor, input.id);
  revalidatePath("/endpoints");
  return r;
});

/** Probes one endpoint now (anyone signed in; audited). "Probe all" calls this per row, so progress shows. */
export const probeEndpointAction = safeAction("endpoint.probe", idInputSchema, async (input, actor) => {
  const r = await probeEndpointNow(actor, input.id);
  revalidatePath("/endpoints");
  return r;
});
