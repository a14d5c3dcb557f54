import { db } from "../db";
import { writeAudit } from "../audit";
import { sessionDigest } from "./session";
import type { Role } from "./actor";

/**
 * Signs out: deletes the session of `token` and records `auth.signOut` in the same transaction. An unknown or
 * already ended session changes nothing and writes nothing.
 */
export async function signOut(token: string | undefined, clientAddress: string): Promise<boolean> {
  if (!token || token.length > 200) return false;
  return db.$transaction(async (tx) => {
    const session = await tx.session.findUnique({ where: { id: sessionDigest(token) }, include: { user: true } });
    if (!session) return false;
    await tx.session.delete({ where: { id: session.id } });
    await writeAudit(tx, { userId: session.user.id, username: session.user.username, role: session.user.role as Role }, {
      action: "auth.signOut",
      targetType: "user",
      targetId: session.user.id,
      details: { clientAddress },
    });
    return true;
  });
}
