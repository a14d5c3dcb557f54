import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

/** Lint rules. `lib/pki` must stay pure: no framework, database or environment access. */
const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next/**", "dist/**", ".next-*/**", "node_modules/**", "data/**", "lib/generated/**", "test-results/**", "playwright-report/**", "e2e/artifacts/**", "next-env.d.ts"],
  },
  {
    rules: {
      "@typescript-eslint/ban-ts-comment": ["error", { "ts-ignore": true, "ts-nocheck": true, "ts-expect-error": "allow-with-description" }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["lib/pki/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: ["next", "next/*", "react", "react-dom", "@prisma/*", "@/lib/server/*", "@/lib/net/*", "node:fs", "node:net", "node:http", "node:https", "fs", "net", "http", "https"] }],
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "lib/pki is pure: pass configuration in as arguments." }],
    },
  },
  {
    // Tests and fixtures of lib/pki may read files and run openssl; the library itself may not.
    files: ["lib/pki/**/*.test.ts", "lib/pki/**/__fixtures__/**/*.ts"],
    rules: { "no-restricted-imports": "off", "no-restricted-properties": "off" },
  },
];
export default config;
