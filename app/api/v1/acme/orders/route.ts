import { apiRoute, readJson } from "@/lib/api/route-handler";
import { issueAcmeCertificate } from "@/lib/server/acme/issue-acme-certificate";

/**
 * POST /api/v1/acme/orders — `acmeIssueSchema`: `{ accountId, serverIds, friendlyName, commonName, domains, key?, exportable?,
 * solver: "rfc2136" | "manual", nameServers?, autoEnableServices? }`. RFC 2136: `{ status: "Issued", certificate }`;
 * manual: `{ status: "AwaitingConfirmation", acmeOrderId, records }` (the exact TXT records to publish). Admin only; audited.
 */
export const POST = apiRoute(async ({ request, actor }) => issueAcmeCertificate(actor, await readJson(request)));
