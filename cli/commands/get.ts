import { parseArgs } from "node:util";
import { describeCertificate } from "@/lib/pki/certificate/description";
import { renderExchangeListView } from "@/lib/pki/exchange/list-view";
import { EXIT_OK, UsageError, type CliCommand } from "../io";
import { databaseActor } from "../database-actor";

const USAGE = "usage: certctl get [--server NAME] [--thumbprint T] [--as USER] [--json]   (Get-ExchangeCertificate from the console database)";

/** `certctl get`: the Get-ExchangeCertificate | fl view of the console's certificates, per server. */
export const run: CliCommand = async (args, io) => {
  let values;
  try {
    ({ values } = parseArgs({ args, options: { server: { type: "string" }, thumbprint: { type: "string" }, as: { type: "string" }, json: { type: "boolean" }, help: { type: "boolean" } } }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  if (values.help) {
    io.out(USAGE);
    return EXIT_OK;
  }
  const actor = await databaseActor(values.as);
  const { can } = await import("@/lib/server/auth/actor");
  if (!can(actor, "read")) throw new UsageError(`${actor.username} may not read certificates`);
  const { db } = await import("@/lib/server/db");
  const installs = await db.certificateInstallation.findMany({
    where: { ...(values.server ? { server: { name: values.server } } : {}), ...(values.thumbprint ? { certificate: { thumbprint: values.thumbprint.toUpperCase() } } : {}) },
    include: { server: true, certificate: { include: { bindings: true } } },
    orderBy: [{ server: { name: "asc" } }, { certificate: { notAfter: "asc" } }],
  });
  const rows = installs.map((i) => {
    const services = i.certificate.bindings.filter((b) => b.serverId === i.serverId).map((b) => b.service);
    return {
      server: i.server.name,
      description: describeCertificate(new Uint8Array(i.certificate.der)),
      context: {
        FriendlyName: i.certificate.friendlyName,
        HasPrivateKey: i.hasPrivateKey,
        PrivateKeyExportable: i.privateKeyExportable,
        RootCAType: i.rootCaType,
        Services: services.length ? services : ["None"],
        Status: i.certificate.status,
      },
    };
  });
  if (values.json) {
    io.out(JSON.stringify(rows.map((r) => ({ server: r.server, thumbprint: r.description.Thumbprint, subject: r.description.Subject, notAfter: r.description.NotAfter, ...r.context })), null, 2));
  } else {
    io.out(rows.map((r) => `# ${r.server}\n${renderExchangeListView(r.description, r.context)}`).join("\n\n") || "No certificates.");
  }
  await db.$disconnect();
  return EXIT_OK;
};
