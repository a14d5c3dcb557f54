import { apiRoute } from "@/lib/api/route-handler";
import { deactivateAcmeAccount } from "@/lib/server/acme/deactivate-acme-account";

/** POST /api/v1/acme/accounts/{id}/deactivate — deactivates the account at its CA; admin only; audited. */
export const POST = apiRoute<{ id: string }>(async ({ actor, params }) => deactivateAcmeAccount(actor, { accountId: params.id }));
