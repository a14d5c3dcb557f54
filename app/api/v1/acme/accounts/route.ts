import { apiRoute, readJson } from "@/lib/api/route-handler";
import { createAcmeAccount } from "@/lib/server/acme/create-acme-account";
import { listAcmeAccounts } from "@/lib/server/acme/list-acme-accounts";

/** GET /api/v1/acme/accounts — the ACME accounts (no key material; helpdesk may read). */
export const GET = apiRoute(async ({ actor }) => ({ items: await listAcmeAccounts(actor) }));

/**
 * POST /api/v1/acme/accounts — `acmeAccountSchema`: `{ name, directoryUrl, contactEmail, termsAccepted, directoryCaPem?,
 * eabKeyId?, eabHmacKey?, dnsUpdateServer?, tsigKeyName?, tsigAlgorithm?, tsigSecret? }`; registers at the CA; admin only; audited.
 */
export const POST = apiRoute(async ({ request, actor }) => createAcmeAccount(actor, await readJson(request)));
