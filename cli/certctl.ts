import { EXIT_USAGE, UsageError, type CliCommand, type CliIo } from "./io";

/** Loads a verb's module after reflect-metadata, which @peculiar/x509 (tsyringe) needs loaded before it. */
const withX509 = (load: () => Promise<{ run: CliCommand }>) => async () => {
  await import("reflect-metadata");
  return load();
};

/**
 * Each verb lives in its own file under cli/commands and is loaded on demand. `verify` loads its PKI modules
 * (and reflect-metadata) only after reading its arguments, so `certctl verify --help` starts as fast as Node.
 */
const verbs: Record<string, () => Promise<{ run: CliCommand }>> = {
  get: withX509(() => import("./commands/get")),
  enable: withX509(() => import("./commands/enable")),
  import: withX509(() => import("./commands/import")),
  export: withX509(() => import("./commands/export")),
  remove: withX509(() => import("./commands/remove")),
  renew: withX509(() => import("./commands/renew")),
  // verbs are registered here, one line each
  verify: () => import("./commands/verify"),
  inspect: withX509(() => import("./commands/inspect")),
  "new-request": withX509(() => import("./commands/new-request")),
  pfx: withX509(() => import("./commands/pfx")),
  probe: withX509(() => import("./commands/probe")),
  url: withX509(() => import("./commands/url")),
  acme: withX509(() => import("./commands/acme")),
  backup: () => import("./commands/backup"),
  restore: () => import("./commands/restore"),
  "rotate-master-key": () => import("./commands/rotate-master-key"),
};

const USAGE = `usage: certctl <verb> [options]
verbs: ${Object.keys(verbs).join(", ") || "(none yet)"}
Run 'certctl <verb> --help' for a verb's options.`;

/** Runs certctl with the given arguments and returns the exit code. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [verb, ...rest] = argv;
  if (!verb || verb === "--help" || verb === "-h") {
    io.out(USAGE);
    return verb ? 0 : EXIT_USAGE;
  }
  const load = verbs[verb];
  if (!load) {
    io.err(`certctl: unknown verb '${verb}'\n${USAGE}`);
    return EXIT_USAGE;
  }
  try {
    const { run } = await load();
    return await run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`certctl ${verb}: ${error.message}`);
      return EXIT_USAGE;
    }
    const code = (error as { code?: string }).code;
    io.err(`certctl ${verb}: ${code ? `${code}: ` : ""}${(error as Error).message}`);
    return EXIT_USAGE;
  }
}

const isEntry = process.argv[1]?.endsWith("certctl.ts") || process.argv[1]?.endsWith("certctl.mjs") || process.argv[1]?.endsWith("certctl");
if (isEntry) {
  const code = await main(process.argv.slice(2), {
    out: (t) => process.stdout.write(t.endsWith("\n") ? t : `${t}\n`),
    err: (t) => process.stderr.write(t.endsWith("\n") ? t : `${t}\n`),
  });
  process.exitCode = code;
}
