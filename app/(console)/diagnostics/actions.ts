"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { safeAction } from "@/lib/actions/safe-action";
import { clearUrlCache } from "@/lib/server/revocation/clear-url-cache";
import { retrieveCertificateUrls } from "@/lib/server/revocation/retrieve-certificate-urls";

/** URL retrieval (certutil -URL) for one certificate. */
export const retrieveUrlsAction = safeAction("revocation.urlRetrieval", z.object({ certificateId: z.string().min(1).max(64) }), async ({ certificateId }, actor) =>
  JSON.parse(JSON.stringify(await retrieveCertificateUrls(actor, certificateId))) as Awaited<ReturnType<typeof retrieveCertificateUrls>>,
);

/** Clears the URL cache (certutil -urlcache * delete): admins only; audited. */
export const clearUrlCacheAction = safeAction("revocation.urlCache.clear", z.object({}), async (_input, actor) => {
  const result = await clearUrlCache(actor);
  revalidatePath("/diagnostics");
  return result;
});
