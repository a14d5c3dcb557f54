import path from "node:path";

/** Absolute path of the embedded SQLite database: `CERTCONSOLE_DB` or `./data/certconsole.db`. */
export function databaseFile(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.CERTCONSOLE_DB ?? path.join("data", "certconsole.db"));
}
