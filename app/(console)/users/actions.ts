"use server";

import { revalidatePath } from "next/cache";
import { safeAction } from "@/lib/actions/safe-action";
import { createLocalUser } from "@/lib/server/users/create-local-user";
import { setUserDisabled } from "@/lib/server/users/set-user-disabled";
import { setUserRole } from "@/lib/server/users/set-user-role";
import { resetLocalUser } from "@/lib/server/users/reset-local-user";
import { createLocalUserSchema, resetLocalUserSchema, setUserDisabledSchema, setUserRoleSchema } from "@/lib/validations/users";

/** Creates a local account (admin; audited). */
export const createLocalUserAction = safeAction("user.create", createLocalUserSchema, async (input, actor) => {
  const made = await createLocalUser(actor, input);
  revalidatePath("/users");
  return made;
});

/** Disables or enables an account (admin; audited). */
export const setUserDisabledAction = safeAction("user.disable", setUserDisabledSchema, async (input, actor) => {
  const r = await setUserDisabled(actor, input);
  revalidatePath("/users");
  return r;
});

/** Changes an account's role (admin; audited). */
export const setUserRoleAction = safeAction("user.role", setUserRoleSchema, async (input, actor) => {
  const r = await setUserRole(actor, input);
  revalidatePath("/users");
  return r;
});

/** Resets a local account: new generated password, optionally without its second factor (admin; audited). */
export const resetLocalUserAction = safeAction("user.reset", resetLocalUserSchema, async (input, actor) => {
  const r = await resetLocalUser(actor, input);
  revalidatePath("/users");
  return r;
});
