#!/usr/bin/env node
// certctl: the command-line face of certconsole. Runs the TypeScript sources through tsx, with the
// repository's tsconfig (path aliases) wherever it is started from.
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

register({ tsconfig: fileURLToPath(new URL("../tsconfig.json", import.meta.url)) });
await import("../cli/certctl.ts");
