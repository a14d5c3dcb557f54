import { apiRoute } from "@/lib/api/route-handler";
import { AppError } from "@/lib/server/errors";
import { listPartnerHosts } from "@/lib/server/partners/list-partner-hosts";
import { removePartnerHost } from "@/lib/server/partners/remove-partner-host";

/** GET /api/v1/partners/{id} — one partner host with its last report (summary to send to the partner). */
export const GET = apiRoute<{ id: string }>(async ({ actor, params }) => {
  const found = (await listPartnerHosts(actor)).find((p) => p.id === params.id);
  if (!found) throw new AppError("ERR_NOT_FOUND", "No such partner host.");
  return found;
});

/** DELETE /api/v1/partners/{id} — admin only; audited. */
export const DELETE = apiRoute<{ id: string }>(async ({ actor, params }) =>
  removePartnerHost(actor, params.id),
);
