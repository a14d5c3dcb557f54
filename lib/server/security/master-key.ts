import fs from "node:fs";
import path from "node:path";
import { createHash, randomBytes } from "node:crypto";
import { AppError } from "../errors";

/** Where the generated master key lives when `CERTCONSOLE_MASTER_KEY` is not set. */
export function masterKeyFile(): string {
  return path.resolve(process.env.CERTCONSOLE_MASTER_KEY_FILE ?? path.join(path.dirname(process.env.CERTCONSOLE_DB ?? "data/x"), "master.key"));
}

/** Reads a master key written as 64 hex characters or base64 (32 bytes); anything else is `ERR_MASTER_KEY_INVALID`. */
export function decodeMasterKey(text: string, source: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, "hex") : Buffer.from(trimmed, "base64");
  if (key.length !== 32) {
    throw new AppError("ERR_MASTER_KEY_INVALID", `The master key from ${source} must be 32 bytes (64 hex characters or base64).`);
  }
  return key;
}

let cached: Buffer | null = null;

/**
 * The AES-256 master key: env `CERTCONSOLE_MASTER_KEY` (hex or base64), else the key file, generated with
 * mode 0600 on first use.
 */
export function loadMasterKey(): Buffer {
  if (cached) return cached;
  const fromEnv = process.env.CERTCONSOLE_MASTER_KEY;
  if (fromEnv) {
    cached = decodeMasterKey(fromEnv, "CERTCONSOLE_MASTER_KEY");
    return cached;
  }
  const file = masterKeyFile();
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    try {
      fs.writeFileSync(file, randomBytes(32).toString("base64") + "\n", { mode: 0o600, flag: "wx" });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  cached = decodeMasterKey(fs.readFileSync(file, "utf8"), file);
  return cached;
}

/** Forgets the cached key (tests switch keys). */
export function resetMasterKeyCache(): void {
  cached = null;
}

/** How a master key is written to a key file: base64 and a newline. */
export function encodeMasterKey(key: Buffer): string {
  return `${key.toString("base64")}\n`;
}

/**
 * A short public identifier of a master key (16 hex characters of a SHA-256 over a label and the key): it tells which
 * key a backup was made with without revealing anything about the key.
 */
export function masterKeyId(key: Buffer): string {
  return createHash("sha256").update("certconsole/master-key-id/v1\0").update(key).digest("hex").slice(0, 16);
}

/** Writes a key file with mode 0600 through a temporary file in the same directory; refuses to overwrite unless `replace`. */
export function writeMasterKeyFile(file: string, key: Buffer, options: { replace?: boolean } = {}): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  if (!options.replace && fs.existsSync(file)) throw new AppError("ERR_FILE_EXISTS", `${file} already exists; nothing was written.`);
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, encodeMasterKey(key), { mode: 0o600, flag: "w" });
  fs.chmodSync(temp, 0o600);
  fs.renameSync(temp, file);
}
