import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/page-header";
import { Notice } from "@/components/notice";
import { CompleteRequestWizard } from "@/components/wizards/complete-request-wizard";
import { requireActor } from "@/lib/actions/current-actor";
import { can } from "@/lib/server/auth/actor";
import { exportPendingRequest } from "@/lib/server/certificates/export-certificate";
import { isPkiError } from "@/lib/pki/errors";

export const metadata: Metadata = { title: "Complete Pending Request" };

export default async function CompleteRequestPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor();
  let request;
  try {
    request = await exportPendingRequest(actor, id);
  } catch (error) {
    if (isPkiError(error, "ERR_NOT_FOUND")) notFound();
    throw error;
  }
  return (
    <>
      <PageHeader title="Complete Pending Request" description={`${request.friendlyName || request.subject} — import the certification authority's answer to this request.`} actions={<Link className="btn" href="/requests">Back to requests</Link>} />
      {request.renewsCertificateId && request.status === "Pending" ? (
        <Notice kind="info" title="Before you complete: this request renews a certificate">
          <Link className="text-blue-800 hover:underline" href={`/certificates/${request.renewsCertificateId}/impact?request=${id}`}>
            Renewal impact preview: bindings, connectors, IMAP/POP names, Auth and Edge, and the change script
          </Link>
        </Notice>
      ) : null}
      {request.status !== "Pending" ? <Notice kind="info">This request is {request.status.toLowerCase()}: there is nothing to complete.</Notice> : can(actor, "mutate") ? <CompleteRequestWizard requestId={id} /> : <Notice kind="info">The {actor.role} role is read-only: completing requests needs an administrator.</Notice>}
    </>
  );
}
