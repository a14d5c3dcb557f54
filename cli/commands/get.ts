import { parseArgs } from "node:util";
import { describeCertificate } from "@/lib/pki/certificate/description";
import { renderExchangeListView } from "@/lib/pki/exchange/list-view";
import { explainCertificate, type CertificateExplanation, type RecordedRevocationResult } from "@/lib/pki/exchange/explain-certificate";
import { EXIT_OK, UsageError, type CliCommand } from "../io";
import { databaseActor } from "../database-actor";

const USAGE = "usage: certctl get [--server NAME] [--thumbprint T] [--as USER] [--json] [--explain]   (Get-ExchangeCertificate from the console database; --explain adds what the status means and what to do)";

/** The plain-words explanation under a list view: what it means, what to do, the technical detail. */
function explanationText(e: CertificateExplanation): string {
  const meaning = [e.status.meaning, ...e.causes.map((c) => `${c.title}. ${c.meaning}`)];
  return [`What it means : ${meaning.join(" ")}`, ...e.actions.map((a) => `What to do    : ${a}`), ...e.detail.map((d) => `Detail        : ${d}`)].join("\n");
}

/** `certctl get`: the Get-ExchangeCertificate | fl view of the console's certificates, per server. */
export const run: CliCommand = async (args, io) => {
  let values;
  try {
    ({ values } = parseArgs({ args, options: { server: { type: "string" }, thumbprint: { type: "string" }, as: { type: "string" }, json: { type: "boolean" }, explain: { type: "boolean" }, help: { type: "boolean" } } }));
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
    include: { server: true, certificate: { include: { bindings: true, installations: { include: { server: { select: { name: true } } } }, revocationChecks: { orderBy: { checkedAt: "desc" }, take: 1 } } } },
    orderBy: [{ server: { name: "asc" } }, { certificate: { notAfter: "asc" } }],
  });
  const rows = installs.map((i) => {
    const services = i.certificate.bindings.filter((b) => b.serverId === i.serverId).map((b) => b.service);
    const latest = i.certificate.revocationChecks[0];
    const explanation = values.explain
      ? explainCertificate({
          status: i.certificate.status,
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
    io.out(JSON.stringify(rows.map((r) => ({ server: r.server, thumbprint: r.description.Thumbprint, subject: r.description.Subject, notAfter: r.description.NotAfter, ...r.context, ...(r.explanation ? { explanation: r.explanation } : {}) })), null, 2));
  } else {
    io.out(rows.map((r) => `# ${r.server}\n${renderExchangeListView(r.description, r.context)}${r.explanation ? `\n${explanationText(r.explanation)}` : ""}`).join("\n\n") || "No certificates.");
  }
  await db.$disconnect();
  return EXIT_OK;
};
