import "reflect-metadata"; // @peculiar/x509 (behind the certificate model) needs it loaded first
import { db, type Db, type Tx } from "../db";
import { roleMappingsSchema, type RoleMapping } from "@/lib/validations/sign-in-settings";
import { parsePem } from "@/lib/pki/formats/pem";
import { validateCertificate } from "@/lib/pki/path/validate-certificate";
import type { ChainVerdict } from "@/lib/net/ldap-directory";
import type { Role } from "./actor";

/** The single sign-in settings row, created with defaults (directory and OIDC sign-in off) when missing. */
export async function readSignInSettings(tx: Db | Tx = db) {
  return (await tx.signInSettings.findUnique({ where: { id: 1 } })) ?? tx.signInSettings.upsert({ where: { id: 1 }, create: { id: 1 }, update: {} });
}

/** The stored group → role mappings (an unreadable value maps nothing, so nobody is let in by accident). */
export function roleMappingsOf(stored: string): RoleMapping[] {
  try {
    const parsed = roleMappingsSchema.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

/** The relative distinguished name's value of a group DN (`cn=Helpdesk,ou=Groups,…` → `Helpdesk`), else the text itself. */
function groupShortName(group: string): string {
  const first = /^\s*[a-z0-9.-]+\s*=\s*((?:\\.|[^,+])*)/i.exec(group);
  return first ? (first[1] ?? "").replace(/\\(.)/g, "$1").trim() : group;
}

/**
 * The console role for a set of groups: admin when any group maps to admin, else helpdesk when any maps to helpdesk,
 * else null (refused). LDAP groups match a mapping by full DN or by CN, case-insensitively; OIDC claim values
 * match exactly.
 */
export function roleForGroups(mappings: readonly RoleMapping[], source: "ldap" | "oidc", groups: readonly string[]): { role: Role; via: string } | null {
  const matches = (mapping: RoleMapping, group: string) =>
    source === "oidc" ? mapping.group === group : mapping.group.toLowerCase() === group.toLowerCase() || mapping.group.toLowerCase() === groupShortName(group).toLowerCase();
  for (const role of ["admin", "helpdesk"] as const) {
    for (const mapping of mappings) {
      if (mapping.source !== source || mapping.role !== role) continue;
      const hit = groups.find((g) => matches(mapping, g));
      if (hit) return { role, via: hit };
    }
  }
  return null;
}

/**
 * Judges a directory server's chain with the console's own path validation against the CA certificates configured
 * for the directory (`ldapTrustPem`), for `host` (DNS name or IP address in the SAN) and the serverAuth purpose.
 */
export function directoryChainVerifier(trustPem: string, now: Date) {
  return async (chain: Uint8Array[], host: string): Promise<ChainVerdict> => {
    let anchors: Uint8Array[];
    try {
      anchors = parsePem(trustPem)
        .filter((b) => b.label === "CERTIFICATE")
        .map((b) => b.der);
    } catch (error) {
      return { ok: false, detail: `the configured directory CA certificates cannot be read: ${(error as Error).message}` };
    }
    if (anchors.length === 0) return { ok: false, detail: "no directory CA certificate is configured (Settings → Sign-in → Directory CA certificates)" };
    const [leaf, ...intermediates] = chain;
    if (!leaf) return { ok: false, detail: "the server presented no certificate" };
    try {
      const result = await validateCertificate({ leaf, intermediates, trustAnchors: anchors, now, purpose: "server", name: host });
      if (result.status === "Valid") return { ok: true, detail: `certificate ${result.path[0]?.subjectText ?? ""} valid for ${host}, chained to ${result.path.at(-1)?.subjectText ?? "the configured CA"}` };
      return { ok: false, detail: `${result.status}: ${result.problems.map((p) => p.message).join("; ") || "no path to a configured CA"}` };
    } catch (error) {
      return { ok: false, detail: `the presented certificate cannot be read: ${(error as Error).message}` };
    }
  };
}
