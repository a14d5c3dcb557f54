import { db } from "../db";
import { AppError } from "../errors";
import { writeAudit } from "../audit";
import { requirePermission, type Actor } from "./actor";
import { readSignInSettings } from "./sign-in-settings";
import { loadMasterKey } from "../security/master-key";
import { sealPrivateKey } from "../security/key-vault";
import { signInSettingsSchema } from "@/lib/validations/sign-in-settings";
import { parsePem } from "@/lib/pki/formats/pem";
import { pathCertificate } from "@/lib/pki/certificate/certificate";

/** Throws ERR_VALIDATION unless `pem` is empty or holds only readable certificates. */
function checkTrustPem(pem: string): void {
  if (!pem.trim()) return;
  try {
    const blocks = parsePem(pem);
    if (blocks.length === 0 || blocks.some((b) => b.label !== "CERTIFICATE")) throw new Error("only CERTIFICATE blocks are accepted");
    for (const block of blocks) pathCertificate(block.der);
  } catch (error) {
    throw new AppError("ERR_VALIDATION", `Directory CA certificates: ${(error as Error).message}.`, { fieldErrors: { ldapTrustPem: "Paste the CA certificates as PEM (-----BEGIN CERTIFICATE-----)." } });
  }
}

/**
 * Saves the sign-in settings (admin only) and audits what changed in the same transaction. The OIDC client secret is
 * sealed with the master key like private keys; the audit row says only that it was replaced or cleared (`clientCredential`).
 */
export async function updateSignInSettings(actor: Actor | null, input: unknown) {
  requirePermission(actor, "mutate");
  const parsed = signInSettingsSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) fieldErrors[issue.path.join(".") || "_"] ??= issue.message;
    throw new AppError("ERR_VALIDATION", parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "), { fieldErrors });
  }
  const { oidcClientSecret, clearClientSecret, roleMappings, ...fields } = parsed.data;
  checkTrustPem(fields.ldapTrustPem);
  const secretChange = oidcClientSecret ? "replaced" : clearClientSecret ? "cleared" : null;
  return db.$transaction(async (tx) => {
    const before = await readSignInSettings(tx);
    const next = { ...fields, roleMappings: JSON.stringify(roleMappings) };
    const changed = Object.fromEntries(
      Object.entries(next)
        .filter(([k, v]) => before[k as keyof typeof before] !== v)
        .map(([k, v]) => [k, k === "ldapTrustPem" ? { changed: true } : { from: before[k as keyof typeof before], to: v }]),
    );
    const saved = await tx.signInSettings.update({
      where: { id: 1 },
      data: {
        ...next,
        ...(oidcClientSecret ? { oidcClientSecretSealed: new Uint8Array(sealPrivateKey(Buffer.from(oidcClientSecret, "utf8"), loadMasterKey())) } : clearClientSecret ? { oidcClientSecretSealed: null } : {}),
      },
    });
    await writeAudit(tx, actor, { action: "settings.signIn", targetType: "settings", targetId: "sign-in", details: { changed, ...(secretChange ? { clientCredential: secretChange } : {}) } });
    return { updatedAt: saved.updatedAt };
  });
}
