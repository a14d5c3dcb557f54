import { db } from "../db";
import { writeAudit } from "../audit";
import { generatePassword, hashPassword } from "../auth/password";

const SYSTEM = { username: "system", role: "system" } as const;

/** An account created at first start, with the password to show once. */
export interface CreatedAccount {
  username: string;
  role: "admin" | "helpdesk";
  password: string;
  generated: boolean;
}

/**
 * Creates the `admin` and `helpdesk` accounts when missing. Passwords come from
 * `CERTCONSOLE_ADMIN_PASSWORD` / `CERTCONSOLE_HELPDESK_PASSWORD` or are generated; the caller prints
 * generated ones once. Existing accounts are left alone.
 */
export async function ensureUsers(env: Record<string, string | undefined> = process.env): Promise<CreatedAccount[]> {
  const created: CreatedAccount[] = [];
  for (const [username, role, envName] of [
    ["admin", "admin", "CERTCONSOLE_ADMIN_PASSWORD"],
    ["helpdesk", "helpdesk", "CERTCONSOLE_HELPDESK_PASSWORD"],
  ] as const) {
    if (await db.user.findUnique({ where: { username } })) continue;
    const given = env[envName];
    const password = given && given.length > 0 ? given : generatePassword();
    // Hashed before the transaction: the slow KDF must not hold it open (it outlived the 5 s timeout on a loaded machine).
    const passwordHash = await hashPassword(password);
    await db.$transaction(async (tx) => {
      const user = await tx.user.create({ data: { username, role, passwordHash } });
      await writeAudit(tx, SYSTEM, { action: "user.create", targetType: "user", targetId: user.id, details: { username, role } });
    });
    created.push({ username, role, password, generated: !given });
  }
  return created;
}

/** Creates the settings row with defaults when missing. */
export async function ensureSettings(): Promise<void> {
  await db.setting.upsert({ where: { id: 1 }, create: { id: 1 }, update: {} });
}
