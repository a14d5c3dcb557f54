"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { safeAction } from "@/lib/actions/safe-action";
import { updateSignInSettings } from "@/lib/server/auth/update-sign-in-settings";
import { testDirectoryConnection } from "@/lib/server/auth/test-directory-connection";
import { directoryTestSchema, signInSettingsSchema } from "@/lib/validations/sign-in-settings";

/** Saves the Sign-in section of Settings. The use-case enforces the admin role, seals the secret and audits. */
export const saveSignInSettingsAction = safeAction("settings.signIn", signInSettingsSchema, async (input, actor) => {
  const saved = await updateSignInSettings(actor, input);
  revalidatePath("/settings");
  return { updatedAt: saved.updatedAt.toISOString() };
});

/** "Test connection": a directory sign-in with the form's values and a test account, step by step. */
export const testDirectoryConnectionAction = safeAction("settings.signIn.testDirectory", z.object({ settings: signInSettingsSchema, account: directoryTestSchema }), async (input, actor) =>
  testDirectoryConnection(actor, input),
);
