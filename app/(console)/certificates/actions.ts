"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { safeAction } from "@/lib/actions/safe-action";
import { newCertificateRequest } from "@/lib/server/certificates/new-certificate-request";
import { newSelfSignedCertificate } from "@/lib/server/certificates/new-self-signed-certificate";
import { renewCertificate } from "@/lib/server/certificates/renew-certificate";
import { enableServices } from "@/lib/server/certificates/enable-services";
import { removeCertificate } from "@/lib/server/certificates/remove-certificate";
import { exportCertificate } from "@/lib/server/certificates/export-certificate";
import { checkRevocationNow } from "@/lib/server/revocation/check-revocation-now";
import {
  enableServicesSchema,
  exportCertificateSchema,
  newCertificateRequestSchema,
  newSelfSignedSchema,
  removeCertificateSchema,
  renewCertificateSchema,
} from "@/lib/validations/certificate-wizards";

/** New Exchange Certificate wizard: stores the pending request and returns the Base64 request. */
export const newRequestAction = safeAction("certificate.request.new", newCertificateRequestSchema, async (input, actor) => {
  const r = await newCertificateRequest(actor, input);
  revalidatePath("/requests");
  return { id: r.id, csrPem: r.csrPem, subject: r.subject, domains: r.domains, warnings: r.warnings, ems: r.ems };
});

export const newSelfSignedAction = safeAction("certificate.selfSigned.new", newSelfSignedSchema, async (input, actor) => {
  const r = await newSelfSignedCertificate(actor, input);
  revalidatePath("/certificates");
  return r;
});

export const renewAction = safeAction("certificate.renew", renewCertificateSchema, async (input, actor) => {
  const r = await renewCertificate(actor, input);
  revalidatePath(r.kind === "request" ? "/requests" : "/certificates");
  return r.kind === "request"
    ? { kind: r.kind, id: r.id, csrPem: r.csrPem, subject: r.subject, domains: r.domains, renews: r.renews, ems: r.ems }
    : { kind: r.kind, id: r.id, thumbprint: r.thumbprint, subject: r.subject, domains: r.domains, status: r.status, renews: r.renews, serverId: r.serverId, servicesToMove: r.servicesToMove, ems: r.ems };
});

export const enableServicesAction = safeAction("service.enable", enableServicesSchema, async (input, actor) => {
  const r = await enableServices(actor, input);
  revalidatePath(`/certificates/${input.certificateId}`);
  return r;
});

/** No revalidation here: it would re-render the Remove page of a certificate that no longer exists (dynamic pages refetch on navigation anyway). */
export const removeCertificateAction = safeAction("certificate.remove", removeCertificateSchema, async (input, actor) => removeCertificate(actor, input));

/** Export wizard: the PFX comes back Base64 for a browser download; the password never reaches the audit log. */
export const exportCertificateAction = safeAction("certificate.export", exportCertificateSchema, async (input, actor) => {
  const r = await exportCertificate(actor, input);
  return { fileName: r.fileName, pfxBase64: Buffer.from(r.pfx).toString("base64"), thumbprint: r.thumbprint, ems: r.ems };
});

/** Properties → Revocation → Check now (the lead's revocation checker with the console's proxy settings). */
export const checkRevocationNowAction = safeAction("revocation.check", z.object({ certificateId: z.string().min(1).max(64) }), async (input, actor) => {
  const r = await checkRevocationNow(actor, input.certificateId);
  revalidatePath(`/certificates/${input.certificateId}`);
  return r;
});
