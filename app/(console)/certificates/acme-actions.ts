"use server";

import { revalidatePath } from "next/cache";
import { safeAction } from "@/lib/actions/safe-action";
import { issueAcmeCertificate } from "@/lib/server/acme/issue-acme-certificate";
import { confirmAcmeDnsRecords } from "@/lib/server/acme/confirm-acme-dns-records";
import { acmeConfirmSchema, acmeIssueSchema } from "@/lib/validations/acme";

/** The certificate an ACME order produced, as the wizard's last page shows it. */
export interface AcmeIssuedView {
  id: string;
  thumbprint: string;
  subject: string;
  notAfter: string;
  status: string;
  servers: string[];
}

/** What the wizard's ACME path gets back: issued, or the exact TXT records the admin publishes (manual solver). */
export type AcmeIssueView =
  | { status: "Issued"; certificate: AcmeIssuedView }
  | { status: "AwaitingConfirmation"; acmeOrderId: string; records: Array<{ domain: string; name: string; value: string }> };

const view = (c: { id: string; thumbprint: string; subject: string; notAfter: Date; status: string; servers: string[] }): AcmeIssuedView => ({ id: c.id, thumbprint: c.thumbprint, subject: c.subject, notAfter: c.notAfter.toISOString(), status: c.status, servers: c.servers });

/** New Certificate wizard → Issue from an ACME CA. */
export const issueAcmeAction = safeAction("acme.certificate.issue", acmeIssueSchema, async (input, actor): Promise<AcmeIssueView> => {
  const r = await issueAcmeCertificate(actor, input);
  revalidatePath("/certificates");
  return r.status === "Issued" ? { status: "Issued", certificate: view(r.certificate) } : { status: r.status, acmeOrderId: r.acmeOrderId, records: r.records };
});

/** Manual solver: "I have created them" — pre-check on the authoritative name servers, then the CA validates. */
export const confirmAcmeAction = safeAction("acme.order.confirm", acmeConfirmSchema, async (input, actor): Promise<AcmeIssueView> => {
  const r = await confirmAcmeDnsRecords(actor, input);
  revalidatePath("/certificates");
  return { status: "Issued", certificate: view(r.certificate) };
});
