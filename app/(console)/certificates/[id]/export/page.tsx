import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/page-header";
import { Notice } from "@/components/notice";
import { ExportWizard } from "@/components/wizards/export-wizard";
import { requireActor } from "@/lib/actions/current-actor";
import { can } from "@/lib/server/auth/actor";
import { getCertificate } from "@/lib/server/certificates/get-certificate";
import { isPkiError } from "@/lib/pki/errors";
import { exportCertificateAction } from "../../actions";

export const metadata: Metadata = { title: "Export certificate" };

export default async function ExportPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor();
  let cert;
  try {
    cert = await getCertificate(actor, id);
  } catch (error) {
    if (isPkiError(error, "ERR_NOT_FOUND")) notFound();
    throw error;
  }
  return (
    <>
      <PageHeader title="Export Exchange Certificate" description="Export-ExchangeCertificate: a password-protected PFX with the private key." actions={<Link className="btn" href={`/certificates/${cert.id}`}>Cancel</Link>} />
      {can(actor, "readKeyMaterial") && !cert.privateKey ? (
        <Notice kind="info" title="There is no private key to export">
          <span data-testid="export-refused">The console holds no private key for this certificate, so there is nothing to export with a key.</span>
        </Notice>
      ) : can(actor, "readKeyMaterial") && !cert.privateKey?.exportable ? (
        <Notice kind="warning" title="This private key cannot be exported">
          <span data-testid="export-refused">
            The key was marked as not exportable when the certificate was created or imported, so it never leaves the console (Export-ExchangeCertificate refuses it too). To use this certificate elsewhere, request or import a new one with an exportable key.
          </span>
        </Notice>
      ) : can(actor, "readKeyMaterial") ? (
        <ExportWizard certificate={{ id: cert.id, thumbprint: cert.thumbprint, subject: cert.subject, exportable: cert.privateKey ? cert.privateKey.exportable : null }} action={exportCertificateAction} />
      ) : (
        <Notice kind="info">The {actor.role} role may not export private keys.</Notice>
      )}
    </>
  );
}
