import { z } from "zod";
import { TRUST_STORES } from "./domain";

/** Add a certificate to a server's store: an existing certificate, or one uploaded (PEM/DER/P7B, base64). */
export const addTrustStoreEntrySchema = z
  .object({
    server: z.string().min(1).max(64),
    store: z.enum(TRUST_STORES),
    certificateId: z.string().max(64).optional(),
    fileBase64: z.string().max(14_000_000).optional(),
  })
  .refine((v) => Boolean(v.certificateId) !== Boolean(v.fileBase64), { message: "Pick a certificate or upload a file (one of the two)." });

/** Remove one entry. */
export const removeTrustStoreEntrySchema = z.object({ entryId: z.string().min(1).max(64) });

/** Copy one entry to other servers' same store. */
export const copyTrustStoreEntrySchema = z.object({ entryId: z.string().min(1).max(64), servers: z.array(z.string().min(1).max(64)).min(1).max(50) });
