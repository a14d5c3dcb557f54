import { UsageError } from "./io";

/**
 * The actor certctl's database verbs act as: the console user named by `--as` (default `admin`), with that
 * user's role — so helpdesk gets the same refusals on the command line as in the browser, and the audit log
 * names who acted. Whoever can run certctl can read the database file anyway; the role check keeps the
 * audit honest and the helpdesk read-only.
 */
export async function databaseActor(username = "admin") {
  const { db } = await import("@/lib/server/db");
  const user = await db.user.findUnique({ where: { username } });
  if (!user) throw new UsageError(`there is no console user '${username}' in ${process.env.CERTCONSOLE_DB ?? "data/certconsole.db"}`);
  return { userId: user.id, username: user.username, role: user.role as "admin" | "helpdesk" };
}
