"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { safeAction } from "@/lib/actions/safe-action";
import { createAcmeAccount } from "@/lib/server/acme/create-acme-account";
import { deactivateAcmeAccount } from "@/lib/server/acme/deactivate-acme-account";
import { setAcmeRenewalMode } from "@/lib/server/acme/set-acme-renewal-mode";
import { renewAcmeCertificate } from "@/lib/server/acme/renew-acme-certificate";
import { approveAcmeRenewal } from "@/lib/server/acme/approve-acme-renewal";
import { previewRenewalImpact } from "@/lib/server/inventory/preview-renewal-impact";
import { acmeAccountIdSchema, acmeAccountSchema, acmeApproveRenewalSchema, acmeRenewalModeSchema, acmeRenewSchema } from "@/lib/validations/acme";

/** Settings → Certificate authorities → New ACME account (registers at the CA; keys sealed, never shown back). */
export const createAcmeAccountAction = safeAction("acme.account.create", acmeAccountSchema, async (input, actor) => {
  const r = await createAcmeAccount(actor, input);
  revalidatePath("/settings");
  return { id: r.id, name: r.name, termsOfService: r.termsOfService };
});

export const deactivateAcmeAccountAction = safeAction("acme.account.deactivate", acmeAccountIdSchema, async (input, actor) => {
  const r = await deactivateAcmeAccount(actor, input);
  revalidatePath("/settings");
  return { id: r.id };
});

export const setAcmeRenewalModeAction = safeAction("acme.renewal.mode", acmeRenewalModeSchema, async (input, actor) => {
  const r = await setAcmeRenewalMode(actor, input);
  revalidatePath("/settings");
  return r;
});

export const renewAcmeCertificateAction = safeAction("acme.certificate.renew", acmeRenewSchema, async (input, actor) => {
  const r = await renewAcmeCertificate(actor, input);
  revalidatePath("/settings");
  return { renews: r.renews, thumbprint: r.certificate.thumbprint, servicesEnabled: r.servicesEnabled, pendingServices: r.pendingServices };
});

/** The renewal impact preview of a pending ACME renewal: its predecessor replaced by it. */
export const previewAcmeRenewalAction = safeAction("acme.renewal.preview", z.object({ certificateId: z.string().min(1).max(64), renewsCertificateId: z.string().min(1).max(64) }), async (input, actor) => {
  const r = await previewRenewalImpact(actor, { certificateId: input.renewsCertificateId, replacementId: input.certificateId, operation: "renew" });
  return r.impact;
});

export const approveAcmeRenewalAction = safeAction("acme.renewal.approve", acmeApproveRenewalSchema, async (input, actor) => {
  const r = await approveAcmeRenewal(actor, input);
  revalidatePath("/settings");
  return r;
});
