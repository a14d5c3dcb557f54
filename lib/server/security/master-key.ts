import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { AppError } from "../errors";

/** Where the generated master key lives when `CERTCONSOLE_MASTER_KEY` is not set. */
export function masterKeyFile(): string {
  return path.resolve(process.env.CERTCONSOLE_MASTER_KEY_FILE ?? path.join(path.dirname(process.env.CERTCONSOLE_DB ?? "data/x"), "master.key"));
}

function decode(text: string, source: string): Buffer {
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
    cached = decode(fromEnv, "CERTCONSOLE_MASTER_KEY");
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
  cached = decode(fs.readFileSync(file, "utf8"), file);
  return cached;
}

/** Forgets the cached key (tests switch keys). */
export function resetMasterKeyCache(): void {
  cached = null;
}
