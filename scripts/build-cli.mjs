// Bundles cli/ (certctl) with esbuild into dist/certctl/, so bin/certctl.mjs starts plain JavaScript instead of
// compiling TypeScript at every start. Runs at install time (postinstall) and before `next build`; each verb is
// its own chunk (the verbs are dynamic imports), npm packages stay external and load from node_modules.
// dist/certctl/inputs.json lists the repository files the bundle was built from: bin/certctl.mjs runs the
// sources through tsx instead when one of them is newer than the bundle.
import { build } from "esbuild";
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outdir = path.join(root, "dist", "certctl");
rmSync(outdir, { recursive: true, force: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: ["cli/certctl.ts"],
  outdir,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  packages: "external",
  tsconfig: "tsconfig.json",
  metafile: true,
  logLevel: "warning",
});
const inputs = Object.keys(result.metafile.inputs).filter((f) => !f.startsWith("node_modules/"));
writeFileSync(path.join(outdir, "inputs.json"), `${JSON.stringify({ builtAt: Date.now(), inputs }, null, 1)}\n`);
console.log(`certctl bundled: ${Object.keys(result.metafile.outputs).length} files in dist/certctl from ${inputs.length} sources`);
