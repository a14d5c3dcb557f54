import { parseArgs } from "node:util";
import { describeCertificate } from "@/lib/pki/certificate/description";
import { renderExchangeListView } from "@/lib/pki/exchange/list-view";
import { selectCertificateForHost } from "@/lib/pki/exchange/certificate-selection";
import { EXCHANGE_STATUSES, type ExchangeStatus } from "@/lib/pki/exchange/status";
import { EXIT_NEGATIVE, EXIT_OK, UsageError, type CliCommand } from "../io";
import { databaseActor } from "../database-actor";

const USAGE = `usage: certctl get [--server NAME] [--thumbprint T] [--domain FQDN] [--status STATUS] [--as USER] [--json]
Get-ExchangeCertificate | Format-List from the console database, per server.
--domain FQDN: the certificate Exchange would pick for that host name on each server (exact name before wildcard,
CA-issued before self-signed, then the most recent); --status: only certificates with that status on the server.`;

/** `certctl get`: the Get-ExchangeCertificate | fl view of the console's certificates, per server, with the shell's filters. */
export const run: CliCommand = async (args, io) => {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: { server: { type: "string" }, thumbprint: { type: "string" }, domain: { type: "string" }, status: { type: "string" }, as: { type: "string" }, json: { type: "boolean" }, help: { type: "boolean" } },
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  if (values.help) {
    io.out(USAGE);
    return EXIT_OK;
  }
  const status = values.status ? EXCHANGE_STATUSES.find((s) => s.toLowerCase() === values.status!.toLowerCase()) : undefined;
  if (values.status && !status) throw new UsageError(`--status takes one of ${EXCHANGE_STATUSES.join(", ")}`);
  const actor = await databaseActor(values.as);
  const { can } = await import("@/lib/server/auth/actor");
  const { db } = await import("@/lib/server/db");
  const { auditRefusal } = await import("@/lib/server/audit-refusal");
  const { AppError } = await import("@/lib/server/errors");
  const { serverStatusOf } = await import("@/lib/server/certificates/refresh-certificate-status");
  try {
    if (!can(actor, "read")) {
      const refused = new AppError("ERR_FORBIDDEN", `${actor.username} may not read certificates.`);
      await auditRefusal(refused, actor, "cli.get", "certificates");
      io.out(`${refused.code}: ${refused.message}`);
      return EXIT_NEGATIVE;
    }
    const installs = await db.certificateInstallation.findMany({
      where: { ...(values.server ? { server: { name: values.server } } : {}), ...(values.thumbprint ? { certificate: { thumbprint: values.thumbprint.toUpperCase() } } : {}) },
      include: { server: true, certificate: { include: { bindings: true } } },
      orderBy: [{ server: { name: "asc" } }, { certificate: { notAfter: "asc" } }],
    });
    let rows = installs.map((i) => {
      const services = i.certificate.bindings.filter((b) => b.serverId === i.serverId).map((b) => b.service);
      const description = describeCertificate(new Uint8Array(i.certificate.der));
      return {
        server: i.server.name,
        description,
        selection: { thumbprint: description.Thumbprint, domains: description.CertificateDomains, notBefore: description.NotBefore, notAfter: description.NotAfter, isSelfSigned: description.IsSelfSigned, hasPrivateKey: i.hasPrivateKey, status: serverStatusOf(i.certificate, i.server.name) as ExchangeStatus },
        context: {
          FriendlyName: i.certificate.friendlyName,
          HasPrivateKey: i.hasPrivateKey,
          PrivateKeyExportable: i.privateKeyExportable,
          RootCAType: i.rootCaType,
          Services: services.length ? services : ["None"],
          Status: serverStatusOf(i.certificate, i.server.name),
        },
      };
    });
    if (status) rows = rows.filter((r) => r.context.Status === status);
    if (values.domain) {
      const now = new Date();
      const byServer = [...new Set(rows.map((r) => r.server))];
      rows = byServer.flatMap((server) => {
        const onServer = rows.filter((r) => r.server === server);
        const picked = selectCertificateForHost(onServer.map((r) => r.selection), values.domain!, now);
        return onServer.filter((r) => r.selection === picked);
      });
    }
    if (values.json) {
      io.out(JSON.stringify(rows.map((r) => ({ server: r.server, thumbprint: r.description.Thumbprint, subject: r.description.Subject, notAfter: r.description.NotAfter, ...r.context })), null, 2));
    } else {
      io.out(rows.map((r) => `# ${r.server}\n${renderExchangeListView(r.description, r.context)}`).join("\n\n") || (values.domain ? `No certificate on ${values.server ?? "any server"} would be picked for ${values.domain}.` : "No certificates."));
    }
    return values.domain && rows.length === 0 ? EXIT_NEGATIVE : EXIT_OK;
  } finally {
    await db.$disconnect();
  }
};
