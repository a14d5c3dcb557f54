import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL("./", import.meta.url)),
      // Route handlers are tested in Node as the server runs them (React's server condition makes this import empty).
      "server-only": fileURLToPath(new URL("./node_modules/server-only/empty.js", import.meta.url)),
    },
  },
  test: {
    environment: "node",
    include: ["lib/**/*.test.ts", "cli/**/*.test.ts", "test/**/*.test.ts"],
    setupFiles: ["./test/setup.ts"],
    // One SQLite database migrated for the run; each test file's database is a copy (test/test-database.ts).
    globalSetup: ["./test/sqlite-global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Vitest's default on a 2-core machine is one fork, so the suite ran file after file while most files wait on
    // real servers and child processes (openssl, slapd, PostgreSQL). Two forks overlap those waits.
    maxWorkers: 2,
    minWorkers: 1,
  },
});
