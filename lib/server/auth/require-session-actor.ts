import { AppError } from "../errors";
import type { Actor } from "./actor";

/**
 * Throws unless `actor` signed in as a person (a session, not an API token): accounts and API tokens are managed by
 * people only, so a leaked token cannot mint more tokens or change accounts.
 */
export function requireSessionActor(actor: Actor | null): asserts actor is Actor {
  if (!actor) throw new AppError("ERR_UNAUTHENTICATED", "Sign in to continue.");
  if (actor.token) throw new AppError("ERR_FORBIDDEN", "An API token cannot manage accounts or API tokens: sign in to the console.");
}
