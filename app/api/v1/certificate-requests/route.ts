import { apiRoute, readJson } from "@/lib/api/route-handler";
import { newCertificateRequest } from "@/lib/server/certificates/new-certificate-request";
import { listRequests } from "@/lib/server/certificates/list-requests";

/** GET /api/v1/certificate-requests — the requests, pending first. */
export const GET = apiRoute(async ({ actor }) => ({ requests: await listRequests(actor) }));

/** POST /api/v1/certificate-requests — New-ExchangeCertificate -GenerateRequest; returns the Base64 request. */
export const POST = apiRoute(async ({ request, actor }) => newCertificateRequest(actor, await readJson(request)));
