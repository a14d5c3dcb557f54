import { EXIT_NEGATIVE, EXIT_OK, type CliIo } from "./io";
import { databaseActor } from "./database-actor";

/** The shell's completion text over the EMS lines a use-case returned. */
export function emsText(lines: readonly string[] | undefined): string {
  return lines?.length ? `\nThe following Exchange Management Shell command completed successfully:\n${lines.join("\n")}` : "";
}

/**
 * Runs one of certctl's database verbs as the console user `--as` through the browser's use-case: the same role
 * check, policy decision and refusals, and the same audit — a refusal for the role (ERR_FORBIDDEN), invalid input
 * (ERR_VALIDATION) and an unknown `--as` user are recorded as the browser's wrappers record refusals (`cli.<verb>`),
 * the use-cases audit their own refusals. Domain errors print
 * `CODE: message` (or JSON) and exit 1; the database is closed in every case.
 */
export async function runDatabaseVerb<T>(
  io: CliIo,
  options: { verb: string; as?: string | undefined; json?: boolean | undefined; target: string },
  action: (actor: Awaited<ReturnType<typeof databaseActor>>) => Promise<T>,
  print: (result: T) => string,
): Promise<number> {
  const { db } = await import("@/lib/server/db");
  const { isPkiError } = await import("@/lib/pki/errors");
  const { auditRefusal } = await import("@/lib/server/audit-refusal");
  try {
    const actor = await databaseActor(options.as).catch(async (error: unknown) => {
      // Acting as a user the console does not have is refused, and recorded like the browser's refusals.
      const { writeAudit } = await import("@/lib/server/audit");
      await writeAudit(db, { username: (options.as ?? "admin").slice(0, 64), role: "anonymous" }, {
        action: `cli.${options.verb}`,
        targetType: "request",
        targetId: options.target.slice(0, 200),
        outcome: "refused",
        details: { code: "ERR_UNAUTHENTICATED", message: (error as Error).message, clientAddress: "cli" },
      }).catch(() => undefined);
      throw error;
    });
    try {
      const result = await action(actor);
      io.out(options.json ? JSON.stringify({ ok: true, ...(result as object) }, null, 2) : print(result));
      return EXIT_OK;
    } catch (error) {
      if (!isPkiError(error)) throw error;
      await auditRefusal(error, actor, `cli.${options.verb}`, options.target, "cli");
      io.out(options.json ? JSON.stringify({ ok: false, code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) }, null, 2) : `${error.code}: ${error.message}`);
      return EXIT_NEGATIVE;
    }
  } finally {
    await db.$disconnect();
  }
}

/** The certificate's id for a thumbprint (any case), or null. */
export async function certificateIdOf(thumbprint: string): Promise<string | null> {
  const { db } = await import("@/lib/server/db");
  return (await db.certificate.findUnique({ where: { thumbprint: thumbprint.toUpperCase() }, select: { id: true } }))?.id ?? null;
}

/** Server ids for a comma-separated list of names; unknown names are a usage error for the caller to report. */
export async function serverIdsOf(names: string): Promise<{ ids: string[]; unknown: string[] }> {
  const { db } = await import("@/lib/server/db");
  const wanted = names.split(",").map((s) => s.trim()).filter(Boolean);
  const rows = await db.server.findMany({ where: { name: { in: wanted } }, select: { id: true, name: true } });
  return { ids: rows.map((r) => r.id), unknown: wanted.filter((n) => !rows.some((r) => r.name === n)) };
}
