/**
 * The one decision used by the UI, the API and the CLI before a certificate is assigned to Exchange services.
 * `strict` is EMC 2010: a certificate in `RevocationCheckFailure` cannot be assigned. `warnButAllow` is the change
 * customers asked for: warn with the diagnosis, require an explicit acknowledgement (which the caller audits),
 * then allow. `Revoked`, `DateInvalid`, `Untrusted`, `Invalid`, `PendingRequest` and `Unknown` are refused in both.
 * @packageDocumentation
 */
import type { ExchangeStatus } from "./status";

/** `Setting.revocationPolicy`. */
export type RevocationPolicy = "strict" | "warnButAllow";

/** What the caller must do. */
export type AssignmentDecision =
  | { decision: "allow"; /** Set when allowed on an acknowledged warning: the text the audit event records. */ acknowledgedWarning?: string }
  | { decision: "warn"; message: string }
  | { decision: "refuse"; code: string; message: string };

/** The EMC's words for a failed revocation check. */
export const REVOCATION_CHECK_FAILED_MESSAGE = "The certificate status could not be determined because the revocation check failed.";

const REFUSALS: Record<Exclude<ExchangeStatus, "Valid" | "RevocationCheckFailure">, { code: string; message: string }> = {
  Revoked: { code: "ERR_CERT_REVOKED", message: "The certificate has been revoked by the certification authority that issued it and cannot be assigned to any service." },
  DateInvalid: { code: "ERR_CERT_DATE_INVALID", message: "The certificate has expired or is not yet valid and cannot be assigned to any service." },
  Untrusted: { code: "ERR_CERT_UNTRUSTED", message: "The certificate is not trusted (its root certification authority is not in the trusted root store) and cannot be assigned to any service." },
  Invalid: { code: "ERR_CERT_INVALID", message: "The certificate is invalid for Exchange Server usage and cannot be assigned to any service." },
  PendingRequest: { code: "ERR_CERT_PENDING_REQUEST", message: "This is a pending certificate request: import the certification authority's response before assigning services." },
  Unknown: { code: "ERR_CERT_STATUS_UNKNOWN", message: "The certificate's status has not been determined yet: check it before assigning services." },
};

/** Input of {@link decideAssignment}. */
export interface AssignmentInput {
  status: ExchangeStatus;
  policy: RevocationPolicy;
  /** The administrator ticked "I understand the revocation status could not be determined". */
  acknowledged: boolean;
  /** The revocation diagnosis paragraph, appended to warnings and refusals. */
  diagnosis?: string;
  /** Revocation was checked for this status. A status never revocation-checked is never treated as Valid. */
  revocationChecked: boolean;
}

/** The refusal for a status whose revocation was never checked. */
export const REVOCATION_NOT_CHECKED = {
  code: "ERR_REVOCATION_NOT_CHECKED",
  message: "The certificate's revocation status has not been checked: it cannot be assigned until a check (Check now) gives an answer.",
} as const;

/** Decides whether a certificate may be assigned to services; pure and total over every status × policy × ack. */
export function decideAssignment({ status, policy, acknowledged, diagnosis, revocationChecked }: AssignmentInput): AssignmentDecision {
  if (status === "Valid") return revocationChecked ? { decision: "allow" } : { decision: "refuse", ...REVOCATION_NOT_CHECKED };
  if (status !== "RevocationCheckFailure") return { decision: "refuse", ...REFUSALS[status] };
  const detail = diagnosis ? ` ${diagnosis}` : "";
  if (policy === "strict") {
    return { decision: "refuse", code: "ERR_REVOCATION_CHECK_FAILED", message: `${REVOCATION_CHECK_FAILED_MESSAGE}${detail} The revocation policy is strict: the certificate cannot be assigned until the check succeeds.` };
  }
  const warning = `${REVOCATION_CHECK_FAILED_MESSAGE}${detail} A revoked certificate could go unnoticed. Acknowledge this warning to assign the certificate anyway; the acknowledgement is recorded in the audit log.`;
  return acknowledged ? { decision: "allow", acknowledgedWarning: warning } : { decision: "warn", message: warning };
}
