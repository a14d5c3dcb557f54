import { writeFileSync } from "node:fs";
import { EXIT_OK, UsageError, parseVerbArgs, type CliCommand } from "../io";
import { certificateIdOf, emsText, runDatabaseVerb } from "../database-verb";

const USAGE = `usage: certctl export --thumbprint T --out F.pfx --password P [--tripledes] [--no-chain] [--as USER] [--json]
Export-ExchangeCertificate from the console database: a password-protected PFX (AES-256; --tripledes for Windows
before Server 2019), written with mode 0600. Refused for a key that is not exportable, and for helpdesk (audited).`;

/** `certctl export`: the Export wizard's use-case from the shell. */
export const run: CliCommand = async (args, io) => {
  const values = parseVerbArgs(
    args,
    {
      thumbprint: { type: "string" },
      out: { type: "string" },
      password: { type: "string" },
      tripledes: { type: "boolean" },
      "no-chain": { type: "boolean" },
      as: { type: "string" },
      json: { type: "boolean" },
    },
    USAGE,
    io,
  );
  if (!values) return EXIT_OK;
  if (!values.thumbprint || !values.out || !values.password) throw new UsageError(`--thumbprint, --out and --password are required\n${USAGE}`);
  const certificateId = await certificateIdOf(values.thumbprint);
  if (!certificateId) throw new UsageError(`no certificate with thumbprint ${values.thumbprint}`);
  const out = values.out;
  const { exportCertificate } = await import("@/lib/server/certificates/export-certificate");
  return runDatabaseVerb(
    io,
    { verb: "export", as: values.as, json: values.json, target: values.thumbprint },
    async (actor) => {
      const r = await exportCertificate(actor, { certificateId, password: values.password, encryption: values.tripledes ? "tripleDesSha1" : "aes256", includeChain: !values["no-chain"] });
      writeFileSync(out, r.pfx, { mode: 0o600 });
      return { thumbprint: r.thumbprint, file: out, ems: r.ems };
    },
    (r) => `Exported ${r.thumbprint} to ${r.file}.${emsText(r.ems)}`,
  );
};
