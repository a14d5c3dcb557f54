"use server";

import { z } from "zod";
import { safeAction } from "@/lib/actions/safe-action";
import { retrieveCertificateUrls } from "@/lib/server/revocation/retrieve-certificate-urls";

/** URL retrieval (certutil -URL) for one certificate. */
export const retrieveUrlsAction = safeAction("revocation.urlRetrieval", z.object({ certificateId: z.string().min(1).max(64) }), async ({ certificateId }, actor) =>
  JSON.parse(JSON.stringify(await retrieveCertificateUrls(actor, certificateId))) as Awaited<ReturnType<typeof retrieveCertificateUrls>>,
);
