import pg from "pg";

/** A held PostgreSQL advisory lock; `lost` resolves if its connection drops (the server released the lock then). */
export interface AdvisoryLock {
  release(): Promise<void>;
  lost: Promise<void>;
}

/**
 * Takes the session-level advisory lock `pg_try_advisory_lock(hashtext(name))` on a dedicated connection, or returns
 * null when another session holds it. The lock lives exactly as long as that connection: if the holding process
 * dies, PostgreSQL releases it at once, so another instance can take the job over without waiting for a lease to
 * expire. This file is the one place with PostgreSQL-only SQL.
 */
export async function tryAdvisoryLock(connectionString: string, name: string): Promise<AdvisoryLock | null> {
  const client = new pg.Client({ connectionString, application_name: `certconsole-lock:${name}` });
  let markLost: () => void = () => undefined;
  const lost = new Promise<void>((resolve) => (markLost = resolve));
  client.on("error", () => markLost());
  client.on("end", () => markLost());
  await client.connect();
  try {
    const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock(hashtext($1)) AS locked", [name]);
    if (!rows[0]?.locked) {
      await client.end();
      return null;
    }
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  let released = false;
  return {
    lost,
    async release() {
      if (released) return;
      released = true;
      // Closing the session releases every advisory lock it holds; unlock first so a pooled proxy cannot keep it.
      await client.query("SELECT pg_advisory_unlock(hashtext($1))", [name]).catch(() => undefined);
      await client.end().catch(() => undefined);
    },
  };
}
