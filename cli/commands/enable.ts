import { parseArgs } from "node:util";
import { EXIT_NEGATIVE, EXIT_OK, UsageError, type CliCommand } from "../io";
import { databaseActor } from "../database-actor";

const USAGE = `usage: certctl enable --thumbprint T --server NAME[,NAME…] --services IIS,SMTP,… [--acknowledge] [--replace-default-smtp] [--as USER] [--json]
Enable-ExchangeCertificate against the console database, with the console's revocation policy:
strict refuses a RevocationCheckFailure certificate; warnButAllow needs --acknowledge (audited).`;

/** `certctl enable`: assigns services with the same use-case, policy decision and audit as the browser. */
export const run: CliCommand = async (args, io) => {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        thumbprint: { type: "string" },
        server: { type: "string" },
        services: { type: "string" },
        acknowledge: { type: "boolean" },
        "replace-default-smtp": { type: "boolean" },
        as: { type: "string" },
        json: { type: "boolean" },
        help: { type: "boolean" },
      },
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  if (values.help) {
    io.out(USAGE);
    return EXIT_OK;
  }
  if (!values.thumbprint || !values.server || !values.services) throw new UsageError(`--thumbprint, --server and --services are required\n${USAGE}`);
  const actor = await databaseActor(values.as);
  const { db } = await import("@/lib/server/db");
  const { enableServices } = await import("@/lib/server/certificates/enable-services");
  const { isPkiError } = await import("@/lib/pki/errors");
  const cert = await db.certificate.findUnique({ where: { thumbprint: values.thumbprint.toUpperCase() }, select: { id: true } });
  if (!cert) throw new UsageError(`no certificate with thumbprint ${values.thumbprint}`);
  const servers = await db.server.findMany({ where: { name: { in: values.server.split(",").map((s) => s.trim()) } } });
  try {
    const result = await enableServices(actor, {
      certificateId: cert.id,
      serverIds: servers.map((s) => s.id),
      services: values.services.split(",").map((s) => s.trim()),
      acknowledged: Boolean(values.acknowledge),
      confirmReplaceDefaultSmtp: Boolean(values["replace-default-smtp"]),
    });
    io.out(values.json ? JSON.stringify({ ok: true, ...result }, null, 2) : `Assigned: ${result.added.map((a) => `${a.server} ${a.service}`).join(", ") || "nothing new"}${result.acknowledged ? " (revocation warning acknowledged; audited)" : ""}${result.warnings.length ? `\nWarning: ${result.warnings.join(" ")}` : ""}`);
    return EXIT_OK;
  } catch (error) {
    if (!isPkiError(error)) throw error;
    io.out(values.json ? JSON.stringify({ ok: false, code: error.code, message: error.message }, null, 2) : `${error.code}: ${error.message}`);
    return EXIT_NEGATIVE;
  } finally {
    await db.$disconnect();
  }
};
