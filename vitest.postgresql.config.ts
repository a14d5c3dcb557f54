import fs from "node:fs";
import path from "node:path";
import { defineConfig } from "vitest/config";
import base from "./vitest.config";

/** Test files that touch the database: they call useTestDatabase() themselves or through an `__fixtures__/*-org` fixture. */
function databaseTestFiles(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== "node_modules") walk(full);
      else if (entry.name.endsWith(".test.ts") && /useTestDatabase|__fixtures__\/[\w-]+-org"/.test(fs.readFileSync(full, "utf8"))) found.push(full);
    }
  };
  ["lib", "cli", "test"].forEach(walk);
  return found.sort();
}

// `npm run test:postgresql`: the tests that touch the database, again on a real PostgreSQL 15 (test/helpers/postgres.ts).
// Every such file gets a fresh PostgreSQL database instead of a SQLite file.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: databaseTestFiles(),
    globalSetup: ["./test/postgres-global-setup.ts"],
  },
});
