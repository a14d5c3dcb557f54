import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { AppError } from "../errors";

const VERSION = 1;
const AAD = Buffer.from("certconsole/private-key/v1");

/**
 * Seals PKCS#8 key bytes with AES-256-GCM: version byte | 12-byte IV | ciphertext | 16-byte tag.
 * The plaintext is never logged or returned by any read path that helpdesk can reach.
 */
export function sealPrivateKey(pkcs8: Uint8Array, masterKey: Buffer): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", masterKey, iv);
  cipher.setAAD(AAD);
  const body = Buffer.concat([cipher.update(pkcs8), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), iv, body, cipher.getAuthTag()]);
}

/** Opens a sealed key. A wrong master key or tampered data gives `ERR_KEY_DECRYPT`, never garbage. */
export function openPrivateKey(sealed: Uint8Array, masterKey: Buffer): Buffer {
  const data = Buffer.from(sealed);
  if (data.length < 1 + 12 + 16 + 1 || data[0] !== VERSION) {
    throw new AppError("ERR_KEY_DECRYPT", "The stored private key is not in a format this console understands.");
  }
  const iv = data.subarray(1, 13);
  const tag = data.subarray(data.length - 16);
  const body = data.subarray(13, data.length - 16);
  try {
    const decipher = createDecipheriv("aes-256-gcm", masterKey, iv);
    decipher.setAAD(AAD);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]);
  } catch {
    throw new AppError(
      "ERR_KEY_DECRYPT",
      "The private key could not be decrypted: the master key does not match the one it was stored with.",
    );
  }
}
