import { parseArgs } from "node:util";
import { describeCertificate } from "@/lib/pki/certificate/description";
import { renderExchangeListView } from "@/lib/pki/exchange/list-view";
import { selectCertificateForHost } from "@/lib/pki/exchange/certificate-selection";
import { EXCHANGE_STATUSES, type ExchangeStatus } from "@/lib/pki/exchange/status";
import { explainCertificate, type CertificateExplanation, type RecordedRevocationResult } from "@/lib/pki/exchange/explain-certificate";
import { EXIT_NEGATIVE, EXIT_OK, UsageError, type CliCommand } from "../io";
import { databaseActor } from "../database-actor";

const USAGE = `usage: certctl get [--server NAME] [--thumbprint T] [--domain FQDN] [--status STATUS] [--as USER] [--json] [--explain]
Get-ExchangeCertificate | Format-List from the console database, per server.
--domain FQDN: the certificate Exchange would pick for that host name on each server (exact name before wildcard,
CA-issued before self-signed, then the most recent); --status: only certificates with that status on the server;
--explain: what the status means and what to do.`;

/** The plain-words explanation under a list view: what it means, what to do, the technical detail. */
function explanationText(e: CertificateExplanation): string {
  const meaning = [e.status.meaning, ...e.causes.map((c) => `${c.title}. ${c.meaning}`)];
  return [`What it means : ${meaning.join(" ")}`, ...e.actions.map((a) => `What to do    : ${a}`), ...e.detail.map((d) => `Detail        : ${d}`)].join("\n");
}

/** `certctl get`: the Get-ExchangeCertificate | fl view of the console's certificates, per server, with the shell's filters. */
export const run: CliCommand = async (args, io) => {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: { server: { type: "string" }, thumbprint: { type: "string" }, domain: { type: "string" }, status: { type: "string" }, as: { type: "string" }, json: { type: "boolean" }, explain: { type: "boolean" }, help: { type: "boolean" } },
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
      include: { server: true, certificate: { include: { bindings: true, installations: { include: { server: { select: { name: true } } } }, revocationChecks: { orderBy: { checkedAt: "desc" }, take: 1 } } } },
      orderBy: [{ server: { name: "asc" } }, { certificate: { notAfter: "asc" } }],
    });
    let rows = installs.map((i) => {
      const services = i.certificate.bindings.filter((b) => b.serverId === i.serverId).map((b) => b.service);
      const description = describeCertificate(new Uint8Array(i.certificate.der));
      const latest = i.certificate.revocationChecks[0];
      const explanation = values.explain
        ? explainCertificate({
            status: serverStatusOf(i.certificate, i.server.name),
            statusReason: i.certificate.statusReason,
            notBefore: i.certificate.notBefore,
            notAfter: i.certificate.notAfter,
            revocation: Array.isArray(latest?.attempts) ? (latest.attempts as unknown as RecordedRevocationResult[]) : [],
            rootCaTypes: i.certificate.installations.map((x) => ({ server: x.server.name, rootCaType: x.rootCaType })),
            now: new Date(),
          })
        : null;
      return {
        server: i.server.name,
        explanation,
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
      io.out(JSON.stringify(rows.map((r) => ({ server: r.server, thumbprint: r.description.Thumbprint, subject: r.description.Subject, notAfter: r.description.NotAfter, ...r.context, ...(r.explanation ? { explanation: r.explanation } : {}) })), null, 2));
    } else {
      io.out(rows.map((r) => `# ${r.server}\n${renderExchangeListView(r.description, r.context)}${r.explanation ? `\n${explanationText(r.explanation)}` : ""}`).join("\n\n") || (values.domain ? `No certificate on ${values.server ?? "any server"} would be picked for ${values.domain}.` : "No certificates."));
    }
    return values.domain && rows.length === 0 ? EXIT_NEGATIVE : EXIT_OK;
  } finally {
    await db.$disconnect();
  }
};
