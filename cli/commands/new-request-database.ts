// certctl new-request --server NAME: New-ExchangeCertificate -GenerateRequest against the console database, as
// the console user --as — the New Exchange Certificate wizard's use-case (pending request, sealed key, audit).
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { findCommonName, parseDistinguishedName } from "@/lib/pki/name/distinguished-name";
import { EXIT_OK, UsageError, type CliCommand } from "../io";
import { emsText, runDatabaseVerb, serverIdsOf } from "../database-verb";

export const HELP = `usage: certctl new-request --server NAME --subject "C=US,S=WA,L=Redmond,O=Contoso,CN=mail.contoso.com" [--domain D]…
         [--key-size 2048|4096 | --curve P-256|P-384] [--friendly-name F] [--not-exportable] [--out req.csr] [--as USER] [--json]
Stores a pending request on the server in the console database (key sealed there, exportable unless --not-exportable,
as requests made in the console are) and prints the Base64 request, or writes it to --out.`;

export const run: CliCommand = async (args, io) => {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        server: { type: "string" },
        subject: { type: "string" },
        domain: { type: "string", multiple: true },
        "key-size": { type: "string" },
        curve: { type: "string" },
        "friendly-name": { type: "string" },
        "not-exportable": { type: "boolean" },
        out: { type: "string" },
        as: { type: "string" },
        json: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${HELP}`);
  }
  if (values.help) {
    io.out(HELP);
    return EXIT_OK;
  }
  if (!values.server || !values.subject) throw new UsageError(`--server and --subject are required\n${HELP}`);
  let attrs;
  try {
    attrs = parseDistinguishedName(values.subject);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const commonName = findCommonName(attrs);
  if (!commonName) throw new UsageError("the subject needs a CN");
  const value = (type: string) => attrs.find((a) => a.type === type)?.value ?? "";
  const key = values.curve ? { "P-256": "EC-P256", "P-384": "EC-P384" }[values.curve] : { "2048": "RSA-2048", "4096": "RSA-4096" }[values["key-size"] ?? "2048"];
  if (!key) throw new UsageError("--key-size takes 2048 or 4096 (the console's choices), --curve P-256 or P-384");
  const servers = await serverIdsOf(values.server);
  if (servers.unknown.length || servers.ids.length !== 1) throw new UsageError(`--server names one server${servers.unknown.length ? ` (unknown: ${servers.unknown.join(", ")})` : ""}`);
  const domains = (values.domain ?? []).flatMap((d) => d.split(",")).map((d) => d.trim()).filter(Boolean);
  const out = values.out;
  const { newCertificateRequest } = await import("@/lib/server/certificates/new-certificate-request");
  return runDatabaseVerb(
    io,
    { verb: "new-request", as: values.as, json: values.json, target: values.server },
    async (actor) => {
      const r = await newCertificateRequest(actor, {
        serverId: servers.ids[0]!,
        friendlyName: values["friendly-name"] ?? commonName,
        commonName,
        domains: domains.length ? domains : [commonName],
        organization: { organization: value("O"), organizationalUnit: value("OU"), locality: value("L"), state: value("S"), country: value("C") },
        key,
        exportable: !values["not-exportable"],
      });
      if (out) writeFileSync(out, r.csrPem);
      return r;
    },
    (r) => `Pending request ${r.id} on ${r.server}: ${r.subject}.${out ? ` Request written to ${out}.` : `\n${r.csrPem.trimEnd()}`}${r.warnings.length ? `\nWarning: ${r.warnings.join(" ")}` : ""}${emsText(r.ems)}`,
  );
};
