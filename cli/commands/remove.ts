import { EXIT_OK, UsageError, parseVerbArgs, type CliCommand } from "../io";
import { certificateIdOf, emsText, runDatabaseVerb, serverIdsOf } from "../database-verb";

const USAGE = `usage: certctl remove --thumbprint T --server NAME[,NAME…] [--as USER] [--json]
Remove-ExchangeCertificate -Confirm:$false against the console database: refused while the certificate is
enabled for a service (or is the default SMTP certificate) on one of the servers.`;

/** `certctl remove`: the Remove wizard's use-case from the shell. */
export const run: CliCommand = async (args, io) => {
  const values = parseVerbArgs(args, { thumbprint: { type: "string" }, server: { type: "string" }, as: { type: "string" }, json: { type: "boolean" } }, USAGE, io);
  if (!values) return EXIT_OK;
  if (!values.thumbprint || !values.server) throw new UsageError(`--thumbprint and --server are required\n${USAGE}`);
  const certificateId = await certificateIdOf(values.thumbprint);
  if (!certificateId) throw new UsageError(`no certificate with thumbprint ${values.thumbprint}`);
  const servers = await serverIdsOf(values.server);
  if (servers.unknown.length) throw new UsageError(`no server named ${servers.unknown.join(", ")}`);
  const { removeCertificate } = await import("@/lib/server/certificates/remove-certificate");
  return runDatabaseVerb(
    io,
    { verb: "remove", as: values.as, json: values.json, target: values.thumbprint },
    (actor) => removeCertificate(actor, { certificateId, serverIds: servers.ids, confirm: true }),
    (r) => `Removed from ${r.removedFrom.join(", ")}.${r.deleted ? " No server holds it any more: certificate and key deleted." : ""}${emsText(r.ems)}`,
  );
};
