import "server-only";
import type { z } from "zod";
import { toErrorResponse } from "@/lib/server/errors";
import type { Actor } from "@/lib/server/auth/actor";
import { auditRefusal } from "@/lib/server/audit-refusal";
import { AppError } from "@/lib/server/errors";
import { clientAddress, currentActor } from "./current-actor";

/** What every server action returns to the UI: data, or a stable code and a readable message. */
export type ActionResult<T> = { ok: true; data: T } | { ok: false; code: string; message: string; fieldErrors?: Record<string, string> };

/**
 * Wraps the server action `name`: resolve the actor (no session: `ERR_UNAUTHENTICATED`) → parse input with the
 * shared zod schema → call the use-case (which checks the role and audits) → convert any error into an
 * {@link ActionResult}. Refusals — no session (rate-limited), invalid input, the role — are audited. Never throws.
 */
export function safeAction<S extends z.ZodType, T>(name: string, schema: S, handler: (input: z.infer<S>, actor: Actor | null) => Promise<T>) {
  return async (raw: unknown): Promise<ActionResult<T>> => {
    let actor: Actor | null = null;
    try {
      actor = await currentActor();
      if (!actor) throw new AppError("ERR_UNAUTHENTICATED", "Sign in to continue.");
      const parsed = schema.safeParse(raw);
      if (!parsed.success) {
        const fieldErrors: Record<string, string> = {};
        for (const issue of parsed.error.issues) fieldErrors[issue.path.join(".") || "_"] ??= issue.message;
        throw new AppError("ERR_VALIDATION", "Some fields need attention.", { fieldErrors });
      }
      return { ok: true, data: await handler(parsed.data, actor) };
    } catch (error) {
      await auditRefusal(error, actor, name, `action:${name}`, await clientAddress().catch(() => "unknown"));
      const { body } = toErrorResponse(error);
      const fieldErrors = body.error.code === "ERR_VALIDATION" ? (body.error.details?.fieldErrors as Record<string, string> | undefined) : undefined;
      return { ok: false, code: body.error.code, message: body.error.message, ...(fieldErrors ? { fieldErrors } : {}) };
    }
  };
}
