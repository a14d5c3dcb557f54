import { writeFileSync } from "node:fs";
import { EXIT_OK, UsageError, parseVerbArgs, type CliCommand } from "../io";
import { certificateIdOf, emsText, runDatabaseVerb, serverIdsOf } from "../database-verb";

const USAGE = `usage: certctl renew --thumbprint T --server NAME [--key RSA-2048|RSA-4096|EC-P256|EC-P384] [--not-exportable] [--out req.csr] [--as USER] [--json]
Get-ExchangeCertificate -Thumbprint T | New-ExchangeCertificate against the console database: a CA certificate
renews into a pending request (same subject and SANs, new key; the Base64 request is printed or written to --out);
a self-signed certificate renews at once into a new self-signed certificate.`;

const KEYS = ["RSA-2048", "RSA-4096", "EC-P256", "EC-P384"] as const;

/** `certctl renew`: the Renew wizard's use-case from the shell. */
export const run: CliCommand = async (args, io) => {
  const values = parseVerbArgs(
    args,
    {
      thumbprint: { type: "string" },
      server: { type: "string" },
      key: { type: "string" },
      "not-exportable": { type: "boolean" },
      out: { type: "string" },
      as: { type: "string" },
      json: { type: "boolean" },
    },
    USAGE,
    io,
  );
  if (!values) return EXIT_OK;
  if (!values.thumbprint || !values.server) throw new UsageError(`--thumbprint and --server are required\n${USAGE}`);
  const key = values.key as (typeof KEYS)[number] | undefined;
  if (key !== undefined && !KEYS.includes(key)) throw new UsageError(`--key takes ${KEYS.join(", ")}`);
  const certificateId = await certificateIdOf(values.thumbprint);
  if (!certificateId) throw new UsageError(`no certificate with thumbprint ${values.thumbprint}`);
  const servers = await serverIdsOf(values.server);
  if (servers.unknown.length || servers.ids.length !== 1) throw new UsageError(`--server names one server${servers.unknown.length ? ` (unknown: ${servers.unknown.join(", ")})` : ""}`);
  const out = values.out;
  const { renewCertificate } = await import("@/lib/server/certificates/renew-certificate");
  return runDatabaseVerb(
    io,
    { verb: "renew", as: values.as, json: values.json, target: values.thumbprint },
    async (actor) => {
      const r = await renewCertificate(actor, { certificateId, serverId: servers.ids[0]!, exportable: !values["not-exportable"], ...(key ? { key } : {}) });
      if (r.kind === "request" && out) writeFileSync(out, r.csrPem);
      return r;
    },
    (r) =>
      r.kind === "request"
        ? `Pending request ${r.id} on ${r.server} renews ${r.renews}.${out ? ` Request written to ${out}.` : `\n${r.csrPem.trimEnd()}`}${emsText(r.ems)}`
        : `New self-signed certificate ${r.thumbprint} on ${r.server} (status ${r.status}) renews ${r.renews}.${r.servicesToMove.length ? ` Its services (${r.servicesToMove.join(", ")}) stay on the old certificate until you run certctl enable for the new one.` : ""}${emsText(r.ems)}`,
  );
};
