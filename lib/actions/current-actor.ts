import "server-only";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { actorFromToken, SESSION_COOKIE } from "@/lib/server/auth/session";
import { clientAddressFrom } from "@/lib/server/auth/client-address";
import { DEFAULT_LANDING_PAGE, REQUESTED_PATH_HEADER, safeNextPath } from "@/lib/validations/next-path";

/** The signed-in actor of the current request (cookie session), or null. */
export async function currentActor() {
  const jar = await cookies();
  return actorFromToken(jar.get(SESSION_COOKIE)?.value);
}

/** The client's address: the TCP peer, or the forwarded client when the peer is a trusted proxy (see client-address.ts). */
export async function clientAddress(): Promise<string> {
  return clientAddressFrom(await headers()).slice(0, 64);
}

/** Redirects to the sign-in page, which returns to the page that was asked for (passed on by `proxy.ts`). */
export async function redirectToSignIn(): Promise<never> {
  const next = safeNextPath((await headers()).get(REQUESTED_PATH_HEADER));
  redirect(next === DEFAULT_LANDING_PAGE ? "/login" : `/login?next=${encodeURIComponent(next)}`);
}

/** The signed-in actor, or a redirect to the sign-in page (pages render beside the layout, so each checks). */
export async function requireActor() {
  const actor = await currentActor();
  if (!actor) return redirectToSignIn();
  return actor;
}
