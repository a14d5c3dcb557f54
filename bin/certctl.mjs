#!/usr/bin/env node
// certctl: the command-line face of certconsole. Runs the TypeScript sources through tsx.
import { register } from "tsx/esm/api";

register();
await import("../cli/certctl.ts");
