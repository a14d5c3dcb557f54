import { apiRoute } from "@/lib/api/route-handler";
import { getCertificate } from "@/lib/server/certificates/get-certificate";

/** GET /api/v1/certificates/{id or thumbprint} — the certificate with installations, bindings and checks. */
export const GET = apiRoute<{ id: string }>(async ({ actor, params }) => {
  const cert = await getCertificate(actor, params.id);
  const { der, ...rest } = cert;
  return { ...rest, der: Buffer.from(der).toString("base64") };
});
