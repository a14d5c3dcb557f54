import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/page-header";
import { Notice } from "@/components/notice";
import { RemoveWizard } from "@/components/wizards/remove-wizard";
import { requireActor } from "@/lib/actions/current-actor";
import { can } from "@/lib/server/auth/actor";
import { getCertificate } from "@/lib/server/certificates/get-certificate";
import { isPkiError } from "@/lib/pki/errors";
import { removeCertificateAction } from "../../actions";

export const metadata: Metadata = { title: "Remove certificate" };

export default async function RemovePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor();
  let cert;
  try {
    cert = await getCertificate(actor, id);
  } catch (error) {
    if (isPkiError(error, "ERR_NOT_FOUND")) notFound();
    throw error;
  }
  const servers = cert.installations.map((i) => {
    const services = cert.bindings.filter((b) => b.serverId === i.serverId).map((b) => b.service);
    // The server's default SMTP certificate is in use even without an SMTP binding (Remove-ExchangeCertificate refuses it).
    return { id: i.serverId, name: i.server.name, services: i.server.defaultSmtpCertificateId === cert.id && !services.includes("SMTP") ? [...services, "SMTP (default certificate)"] : services };
  });
  // A certificate in use cannot be removed: the servers where it serves something are not offered, and why is said at once.
  const bound = servers.filter((s) => s.services.length > 0);
  const free = servers.filter((s) => s.services.length === 0);
  return (
    <>
      <PageHeader title="Remove Exchange Certificate" description="Remove-ExchangeCertificate: refused while the certificate is assigned to a service." actions={<Link className="btn" href={`/certificates/${cert.id}`}>Cancel</Link>} />
      {can(actor, "mutate") && bound.length ? (
        <div className="mb-3 max-w-2xl">
          <Notice kind={free.length ? "warning" : "error"} title={free.length ? "In use on some servers: it can only be removed from the others" : "This certificate cannot be removed: it is in use"}>
            <span data-testid="remove-in-use">
              It serves {bound.map((s) => `${s.services.join(", ")} on ${s.name}`).join("; ")}. Assign another certificate to {bound.length === 1 && bound[0]!.services.length === 1 ? "that service" : "those services"} first (Assign Services on the replacement), then remove this one.
            </span>{" "}
            <Link className="underline" href={`/certificates/${cert.id}?tab=services`}>
              See its services
            </Link>
          </Notice>
        </div>
      ) : null}
      {can(actor, "mutate") ? (
        free.length ? <RemoveWizard certificate={{ id: cert.id, thumbprint: cert.thumbprint, subject: cert.subject }} servers={free} action={removeCertificateAction} /> : null
      ) : (
        <Notice kind="info">The {actor.role} role is read-only: removing certificates needs an administrator.</Notice>
      )}
    </>
  );
}
