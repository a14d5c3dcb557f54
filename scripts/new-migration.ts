// `npm run db:migrations NAME`: after editing prisma/schema.prisma, writes the matching migration for BOTH providers
// (prisma/migrations/<ts>_NAME and prisma/postgresql/migrations/<ts>_NAME) by diffing the schema committed at HEAD
// (or --from <git ref>) against the working copy, and regenerates prisma/postgresql/schema.prisma.
// <ts> is the current UTC time, or MIGRATION_TIMESTAMP. Prisma's schema engine needs a reachable database for the
// PostgreSQL diff: DATABASE_URL=postgresql://… if set, else a throw-away cluster (test/helpers/postgres.ts).
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { derivePostgresqlSchema, DERIVED, SOURCE } from "./derive-postgresql-schema.mjs";
import { startPostgres } from "../test/helpers/postgres";
import { isPostgresqlUrl } from "../lib/server/database-file";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:migrations <name_in_snake_case> [-- --from <git ref>]");
  process.exit(2);
}
const fromRef = process.argv.includes("--from") ? process.argv[process.argv.indexOf("--from") + 1] : "HEAD";
const stamp = process.env.MIGRATION_TIMESTAMP ?? new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "certconsole-migration-"));
const oldSqlite = path.join(tmp, "old.prisma");
const oldPostgresql = path.join(tmp, "old-postgresql.prisma");
const source = execFileSync("git", ["show", `${fromRef}:prisma/schema.prisma`], { encoding: "utf8" });
fs.writeFileSync(oldSqlite, source);
fs.writeFileSync(oldPostgresql, derivePostgresqlSchema(source));
fs.writeFileSync(DERIVED, derivePostgresqlSchema(fs.readFileSync(SOURCE, "utf8")));
const prismaCli = createRequire(import.meta.url).resolve("prisma/build/index.js");

function diff(from: string, to: string, env: NodeJS.ProcessEnv): string {
  for (let attempt = 1; ; attempt++) {
    const run = spawnSync(process.execPath, [prismaCli, "migrate", "diff", "--from-schema-datamodel", from, "--to-schema-datamodel", to, "--script"], { env, encoding: "utf8" });
    if (run.status === 0) return run.stdout;
    // The JS schema engine sometimes fails with "External error" on the first call: retry.
    if (attempt === 3) throw new Error(`prisma migrate diff failed:\n${run.stderr || run.stdout}`);
  }
}

const external = isPostgresqlUrl(process.env.DATABASE_URL) ? null : await startPostgres();
try {
  const base = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1" };
  const sqlite = diff(oldSqlite, SOURCE, { ...base, DATABASE_URL: "", CERTCONSOLE_DB: path.join(tmp, "scratch.db") });
  const postgresql = diff(oldPostgresql, DERIVED, { ...base, DATABASE_URL: external ? external.url() : process.env.DATABASE_URL });
  const outputs: [string, string][] = [[path.join("prisma", "migrations"), sqlite], [path.join("prisma", "postgresql", "migrations"), postgresql]];
  for (const [dir, sql] of outputs) {
    const folder = path.join(dir, `${stamp}_${name}`);
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, "migration.sql"), sql);
    console.log(`Wrote ${folder}/migration.sql`);
  }
} finally {
  await external?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
}
