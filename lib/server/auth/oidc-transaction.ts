import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { z } from "zod";
import { loadMasterKey } from "../security/master-key";

/**
 * The state of one OIDC sign-in between the redirect to the provider and the callback — state, nonce, PKCE code
 * verifier, where to go afterwards — kept in a short-lived, HTTP-only cookie sealed with AES-256-GCM under a key
 * derived from the master key (HKDF, its own label): the browser carries it but can neither read nor alter it.
 */
export const OIDC_TRANSACTION_COOKIE = "certconsole_oidc";
/** Ten minutes to sign in at the provider. */
export const OIDC_TRANSACTION_TTL_MS = 10 * 60 * 1000;

const transactionSchema = z.object({
  state: z.string().min(16).max(200),
  nonce: z.string().min(16).max(200),
  verifier: z.string().min(43).max(128),
  next: z.string().max(2048),
  exp: z.number().int(),
});
export type OidcTransaction = z.infer<typeof transactionSchema>;

const AAD = Buffer.from("certconsole/oidc-transaction/v1");

function cookieKey(masterKey: Buffer): Buffer {
  return Buffer.from(hkdfSync("sha256", masterKey, Buffer.alloc(0), AAD, 32));
}

/** Seals a transaction into a cookie value (base64url). */
export function sealOidcTransaction(transaction: OidcTransaction, masterKey: Buffer = loadMasterKey()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", cookieKey(masterKey), iv);
  cipher.setAAD(AAD);
  const body = Buffer.concat([cipher.update(JSON.stringify(transaction), "utf8"), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]).toString("base64url");
}

/** Opens a transaction cookie; null when absent, altered, sealed under another key, or expired. */
export function openOidcTransaction(value: string | undefined, now: Date, masterKey: Buffer = loadMasterKey()): OidcTransaction | null {
  if (!value || value.length > 4096) return null;
  const data = Buffer.from(value, "base64url");
  if (data.length < 12 + 16 + 2) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", cookieKey(masterKey), data.subarray(0, 12));
    decipher.setAAD(AAD);
    decipher.setAuthTag(data.subarray(data.length - 16));
    const text = Buffer.concat([decipher.update(data.subarray(12, data.length - 16)), decipher.final()]).toString("utf8");
    const parsed = transactionSchema.safeParse(JSON.parse(text));
    if (!parsed.success || parsed.data.exp <= now.getTime()) return null;
    return parsed.data;
  } catch {
    return null;
  }
}

/** The transaction cookie's attributes: HTTP-only, SameSite=Lax (it must come back on the provider's redirect), scoped to /auth/oidc. */
export function oidcTransactionCookieOptions(expires: Date, env: Record<string, string | undefined> = process.env) {
  return { httpOnly: true, sameSite: "lax" as const, secure: env.CERTCONSOLE_SECURE_COOKIES === "1", path: "/auth/oidc", expires };
}
