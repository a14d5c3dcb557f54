import { apiRoute } from "@/lib/api/route-handler";
import { certificateFindings } from "@/lib/server/certificates/certificate-findings";
import { getCertificate } from "@/lib/server/certificates/get-certificate";

/** GET /api/v1/certificates/{id or thumbprint} — the certificate with installations, bindings, checks and Web PKI findings. */
export const GET = apiRoute<{ id: string }>(async ({ actor, params }) => {
  const cert = await getCertificate(actor, params.id);
  const { der, ...rest } = cert;
  return { ...rest, der: Buffer.from(der).toString("base64"), findings: await certificateFindings(cert) };
});
