"use server";

import { revalidatePath } from "next/cache";
import { safeAction } from "@/lib/actions/safe-action";
import { createApiToken } from "@/lib/server/api-tokens/create-api-token";
import { revokeApiToken } from "@/lib/server/api-tokens/revoke-api-token";
import { createApiTokenSchema } from "@/lib/validations/api-tokens";
import { idInputSchema } from "@/lib/validations/endpoints";

/** Creates an API token; the answer holds the token, shown once (audited). */
export const createApiTokenAction = safeAction("apiToken.create", createApiTokenSchema, async (input, actor) => {
  const r = await createApiToken(actor, input);
  revalidatePath("/api-docs");
  return r;
});

/** Revokes an API token (audited). */
export const revokeApiTokenAction = safeAction("apiToken.revoke", idInputSchema, async (input, actor) => {
  const r = await revokeApiToken(actor, input.id);
  revalidatePath("/api-docs");
  return r;
});
