import * as acme from "acme-client";
import { loadMasterKey } from "../security/master-key";
import { openPrivateKey } from "../security/key-vault";
import { readSettings } from "../settings/get-settings";
import { fetcherFromSettings } from "../revocation/revocation-checker";
import { withAcmeConnection, type AcmeProblem } from "./acme-http";
import { acmeError } from "./acme-problem";

/** The account fields an ACME session needs (an `AcmeAccount` row, or one about to be created). */
export interface AcmeAccountKeys {
  directoryUrl: string;
  directoryCaPem: string;
  accountKeySealed: Uint8Array;
  accountUrl: string;
  eabKeyId: string;
  eabHmacKeySealed: Uint8Array | null;
}

/** ACME answers are small JSON documents and PEM chains. */
const MAX_ACME_RESPONSE_BYTES = 2 * 1024 * 1024;

/**
 * Runs `work` with an acme-client `Client` for the account: keys opened from the vault for this call only, HTTP
 * through the console's outbound fetcher (proxy and bypass list, the address guard with the admin's allow-list) and the directory's own CA. Whatever fails comes out as an
 * `ERR_ACME_…` AppError naming `doing` and the CA's problem in plain words.
 */
export async function withAcmeAccount<T>(account: AcmeAccountKeys, doing: string, work: (client: acme.Client, problems: AcmeProblem[]) => Promise<T>): Promise<T> {
  const settings = await readSettings();
  const masterKey = loadMasterKey();
  const accountKey = openPrivateKey(account.accountKeySealed, masterKey);
  const hmacKey = account.eabHmacKeySealed ? openPrivateKey(account.eabHmacKeySealed, masterKey).toString("utf8") : "";
  const client = new acme.Client({
    directoryUrl: account.directoryUrl,
    accountKey,
    ...(account.accountUrl ? { accountUrl: account.accountUrl } : {}),
    ...(account.eabKeyId && hmacKey ? { externalAccountBinding: { kid: account.eabKeyId, hmacKey } } : {}),
    backoffAttempts: 10,
    backoffMin: 200,
    backoffMax: 3000,
  });
  return withAcmeConnection(
    { fetcherFor: (ca) => fetcherFromSettings(settings, { ca, maxRedirects: 0, maxBytes: MAX_ACME_RESPONSE_BYTES }), directoryOrigin: new URL(account.directoryUrl).origin, directoryCaPem: account.directoryCaPem },
    async (problems) => {
      try {
        return await work(client, problems);
      } catch (error) {
        throw acmeError(error, problems, doing);
      }
    },
  );
}
