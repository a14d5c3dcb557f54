import { apiRoute, readJson } from "@/lib/api/route-handler";
import { newSelfSignedCertificate } from "@/lib/server/certificates/new-self-signed-certificate";

/** POST /api/v1/certificates/self-signed — New-ExchangeCertificate (self-signed; services default IMAP, POP, SMTP). */
export const POST = apiRoute(async ({ request, actor }) => newSelfSignedCertificate(actor, await readJson(request)));
