import * as acme from "acme-client";
import { db } from "../db";
import { AppError } from "../errors";
import { writeAudit } from "../audit";
import { requirePermission, type Actor } from "../auth/actor";
import { loadMasterKey } from "../security/master-key";
import { sealPrivateKey } from "../security/key-vault";
import { parseInput } from "../certificates/wizard-input";
import { acmeAccountSchema } from "@/lib/validations/acme";
import { withAcmeAccount } from "./acme-session";

/**
 * Settings → Certificate authorities → New ACME account: generates the account key (ECDSA P-256), registers it
 * with the CA (terms accepted, contact email, External Account Binding when given) and stores the account with its
 * key, EAB HMAC key and TSIG secret sealed under the master key. A CA refusal (e.g. `ERR_ACME_EAB_REQUIRED`) stores
 * nothing and is audited as failed.
 */
export async function createAcmeAccount(actor: Actor | null, input: unknown) {
  requirePermission(actor, "mutate");
  const data = parseInput(acmeAccountSchema, input);
  if (!data.termsAccepted) throw new AppError("ERR_ACME_TERMS_NOT_ACCEPTED", "Accept the CA's terms of service to create the account.");
  if (await db.acmeAccount.findUnique({ where: { name: data.name }, select: { id: true } })) {
    throw new AppError("ERR_CONFLICT", `An ACME account named "${data.name}" exists already.`);
  }
  const masterKey = loadMasterKey();
  const accountKeySealed = new Uint8Array(sealPrivateKey(await acme.crypto.createPrivateEcdsaKey("P-256"), masterKey));
  const eabHmacKeySealed = data.eabHmacKey ? new Uint8Array(sealPrivateKey(Buffer.from(data.eabHmacKey, "utf8"), masterKey)) : null;
  const tsigSecretSealed = data.tsigSecret ? new Uint8Array(sealPrivateKey(Buffer.from(data.tsigSecret, "utf8"), masterKey)) : null;
  const summary = { name: data.name, directoryUrl: data.directoryUrl, contactEmail: data.contactEmail, eab: Boolean(data.eabKeyId), eabKeyId: data.eabKeyId, dnsUpdateServer: data.dnsUpdateServer, tsigKeyName: data.tsigKeyName, privateDirectoryCa: Boolean(data.directoryCaPem.trim()) };
  let registered: { accountUrl: string; termsOfService: string };
  try {
    registered = await withAcmeAccount(
      { directoryUrl: data.directoryUrl, directoryCaPem: data.directoryCaPem, accountKeySealed, accountUrl: "", eabKeyId: data.eabKeyId, eabHmacKeySealed },
      "Registering the ACME account",
      async (client) => {
        const termsOfService = (await client.getTermsOfServiceUrl()) ?? "";
        await client.createAccount({ termsOfServiceAgreed: true, contact: [`mailto:${data.contactEmail}`] });
        return { accountUrl: client.getAccountUrl(), termsOfService };
      },
    );
  } catch (error) {
    const e = error as AppError;
    await writeAudit(db, actor, { action: "acme.account.create", targetType: "acmeAccount", targetId: data.name, outcome: "failed", details: { ...summary, code: e.code, message: e.message } });
    throw error;
  }
  return db.$transaction(async (tx) => {
    const row = await tx.acmeAccount.create({
      data: {
        name: data.name,
        directoryUrl: data.directoryUrl,
        contactEmail: data.contactEmail,
        termsAccepted: true,
        directoryCaPem: data.directoryCaPem.trim(),
        eabKeyId: data.eabKeyId,
        eabHmacKeySealed,
        accountKeySealed,
        accountUrl: registered.accountUrl,
        dnsUpdateServer: data.dnsUpdateServer,
        tsigKeyName: data.tsigKeyName,
        tsigAlgorithm: data.tsigAlgorithm,
        tsigSecretSealed,
      },
      select: { id: true, name: true, accountUrl: true },
    });
    await writeAudit(tx, actor, { action: "acme.account.create", targetType: "acmeAccount", targetId: row.id, details: { ...summary, accountUrl: row.accountUrl, termsOfService: registered.termsOfService } });
    return { ...row, termsOfService: registered.termsOfService };
  });
}
