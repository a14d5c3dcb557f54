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
  const servers = cert.installations.map((i) => ({ id: i.serverId, name: i.server.name, services: cert.bindings.filter((b) => b.serverId === i.serverId).map((b) => b.service) }));
  return (
    <>
      <PageHeader title="Remove Exchange Certificate" description="Remove-ExchangeCertificate: refused while the certificate is assigned to a service." actions={<Link className="btn" href={`/certificates/${cert.id}`}>Cancel</Link>} />
      {can(actor, "mutate") ? (
        <RemoveWizard certificate={{ id: cert.id, thumbprint: cert.thumbprint, subject: cert.subject }} servers={servers} action={removeCertificateAction} />
      ) : (
        <Notice kind="info">The {actor.role} role is read-only: removing certificates needs an administrator.</Notice>
      )}
    </>
  );
}
