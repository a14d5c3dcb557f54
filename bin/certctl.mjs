#!/usr/bin/env node
// certctl: the command-line face of certconsole. Runs the plain-JavaScript bundle that `npm install` builds
// (scripts/build-cli.mjs, into dist/certctl/). When the bundle is missing or a source it was built from has
// changed since, it runs the TypeScript sources through tsx instead, with the repository's tsconfig.
import { readFileSync, statSync } from "node:fs";

const root = new URL("../", import.meta.url);
const dist = new URL("dist/certctl/", root);

function bundleIsFresh() {
  try {
    const { builtAt, inputs } = JSON.parse(readFileSync(new URL("inputs.json", dist), "utf8"));
    return inputs.every((file) => statSync(new URL(file, root)).mtimeMs <= builtAt);
  } catch {
    return false;
  }
}

if (bundleIsFresh()) {
  await import(new URL("certctl.js", dist).href);
} else {
  const { fileURLToPath } = await import("node:url");
  const { register } = await import("tsx/esm/api");
  register({ tsconfig: fileURLToPath(new URL("tsconfig.json", root)) });
  await import("../cli/certctl.ts");
}
