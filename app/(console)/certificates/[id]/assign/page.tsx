import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/page-header";
import { Notice } from "@/components/notice";
import { AssignServicesWizard } from "@/components/wizards/assign-services-wizard";
import { requireActor } from "@/lib/actions/current-actor";
import { can } from "@/lib/server/auth/actor";
import { getAssignmentContext } from "@/lib/server/certificates/assignment-context";
import { isPkiError } from "@/lib/pki/errors";
import { enableServicesAction } from "../../actions";
import { listDisplacedCertificates } from "@/lib/server/inventory/preview-renewal-impact";

export const metadata: Metadata = { title: "Assign Services" };

export default async function AssignPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor();
  let context;
  try {
    context = await getAssignmentContext(actor, id);
  } catch (error) {
    if (isPkiError(error, "ERR_NOT_FOUND")) notFound();
    throw error;
  }
  const displaced = await listDisplacedCertificates(actor, context.certificate.id);
  return (
    <>
      <PageHeader title="Assign Services to Certificate" description="Enable-ExchangeCertificate: services are added to those already assigned." actions={<Link className="btn" href={`/certificates/${id}`}>Cancel</Link>} />
      {displaced.length ? (
        <Notice kind="info" title="Before you enable: what this certificate may take over">
          <ul className="list-disc pl-5">
            {displaced.map((d) => (
              <li key={d.id}>
                {d.subject} ({d.uses.join(", ")}) —{" "}
                <Link className="text-blue-800 underline" href={`/certificates/${d.id}/impact?replacement=${context.certificate.id}&operation=enable`}>
                  impact preview of replacing it
                </Link>
              </li>
            ))}
          </ul>
        </Notice>
      ) : null}
      {!can(actor, "mutate") ? (
        <Notice kind="info">The {actor.role} role is read-only: assigning services needs an administrator.</Notice>
      ) : context.servers.length === 0 ? (
        <Notice kind="info">This certificate is not installed on any server.</Notice>
      ) : (
        <AssignServicesWizard context={context} action={enableServicesAction} />
      )}
    </>
  );
}
