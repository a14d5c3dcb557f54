/** One DNS-01 TXT record the CA will look up (RFC 8555 §8.4): `_acme-challenge.<domain>` holding `value`. */
export interface DnsChallengeRecord {
  /** The identifier validated (a wildcard's `*.` removed). */
  domain: string;
  /** `_acme-challenge.<domain>` */
  name: string;
  /** base64url(SHA-256(key authorization)) */
  value: string;
}

/**
 * A DNS-01 solver: puts the TXT records in place and takes them away. Kept small so cloud DNS APIs can be added later
 * beside RFC 2136; the manual solver's `present` does nothing (the admin publishes the records shown to them).
 */
export interface DnsSolver {
  readonly kind: "rfc2136" | "manual";
  present(records: readonly DnsChallengeRecord[]): Promise<void>;
  cleanup(records: readonly DnsChallengeRecord[]): Promise<void>;
}

/** The TXT record name for an identifier (`*.contoso.com` is validated at `_acme-challenge.contoso.com`). */
export function challengeRecordName(domain: string): string {
  return `_acme-challenge.${domain.replace(/^\*\./, "").replace(/\.$/, "").toLowerCase()}`;
}
