import { createHash } from "node:crypto";

/** The stored id of a session or API token: its SHA-256 in hex. The token itself is never stored. */
export function tokenDigest(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
