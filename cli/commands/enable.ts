import { EXIT_OK, UsageError, parseVerbArgs, type CliCommand } from "../io";
import { certificateIdOf, emsText, runDatabaseVerb, serverIdsOf } from "../database-verb";

const USAGE = `usage: certctl enable --thumbprint T --server NAME[,NAME…] --services IIS,SMTP,… [--acknowledge] [--replace-default-smtp yes|no] [--as USER] [--json]
Enable-ExchangeCertificate against the console database, with the console's revocation policy:
strict refuses a RevocationCheckFailure certificate; warnButAllow needs --acknowledge (audited).
--replace-default-smtp answers "Overwrite the existing default SMTP certificate?" (yes: replace it; no: enable SMTP, keep it).`;

/** `certctl enable`: assigns services with the same use-case, policy decision and audit as the browser. */
export const run: CliCommand = async (args, io) => {
  const values = parseVerbArgs(
    args,
    {
      thumbprint: { type: "string" },
      server: { type: "string" },
      services: { type: "string" },
      acknowledge: { type: "boolean" },
      "replace-default-smtp": { type: "string" },
      as: { type: "string" },
      json: { type: "boolean" },
    },
    USAGE,
    io,
  );
  if (!values) return EXIT_OK;
  if (!values.thumbprint || !values.server || !values.services) throw new UsageError(`--thumbprint, --server and --services are required\n${USAGE}`);
  const answer = values["replace-default-smtp"];
  if (answer !== undefined && !/^(yes|no)$/i.test(answer)) throw new UsageError(`--replace-default-smtp takes yes or no\n${USAGE}`);
  const certificateId = await certificateIdOf(values.thumbprint);
  if (!certificateId) throw new UsageError(`no certificate with thumbprint ${values.thumbprint}`);
  const servers = await serverIdsOf(values.server);
  if (servers.unknown.length) throw new UsageError(`no server named ${servers.unknown.join(", ")}`);
  const { enableServices } = await import("@/lib/server/certificates/enable-services");
  return runDatabaseVerb(
    io,
    { verb: "enable", as: values.as, json: values.json, target: values.thumbprint },
    (actor) =>
      enableServices(actor, {
        certificateId,
        serverIds: servers.ids,
        services: values.services!.split(",").map((s) => s.trim()),
        acknowledged: Boolean(values.acknowledge),
        ...(answer ? { replaceDefaultSmtp: answer.toLowerCase() === "yes" } : {}),
      }),
    (r) =>
      `Assigned: ${r.added.map((a) => `${a.server} ${a.service}`).join(", ") || "nothing new"}${r.acknowledged ? " (revocation warning acknowledged; audited)" : ""}${r.warnings.length ? `\nWarning: ${r.warnings.join(" ")}` : ""}${emsText(r.ems)}`,
  );
};
