import path from "node:path";

/** Absolute path of the embedded SQLite database: `CERTCONSOLE_DB` or `./data/certconsole.db`. */
export function databaseFile(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.CERTCONSOLE_DB ?? path.join("data", "certconsole.db"));
}

/** Whether a DATABASE_URL selects PostgreSQL (`postgresql://` or `postgres://`); anything else means the SQLite file. */
export function isPostgresqlUrl(url: string | undefined): url is string {
  return Boolean(url && /^postgres(ql)?:\/\//i.test(url));
}
