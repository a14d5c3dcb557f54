import { db } from "../db";
import { signIn } from "./sign-in";
import { signInWithDirectory, type DirectorySignInDeps } from "./sign-in-with-directory";
import { parseDirectoryLogin } from "./look-up-directory-account";
import { readSignInSettings } from "./sign-in-settings";

/**
 * The sign-in form's one entry: `user@domain` and `DOMAIN\user` go to the directory when directory sign-in is on
 * (unless a local account has exactly that name), every other name to the local accounts ({@link signIn}), which
 * stay as the break-glass path.
 */
export async function signInWithPassword(input: { username: string; password: string; clientAddress: string }, now = new Date(), deps: DirectorySignInDeps = {}) {
  const settings = await readSignInSettings();
  if (settings.ldapEnabled && parseDirectoryLogin(input.username, settings.ldapDomain)) {
    const local = await db.user.findUnique({ where: { username: input.username }, select: { source: true } });
    if (local?.source !== "local") return signInWithDirectory(input, now, deps);
  }
  return signIn(input, now);
}
