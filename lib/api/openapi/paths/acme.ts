import {
  acmeAccountSchema,
  acmeApproveRenewalSchema,
  acmeIssueSchema,
  acmeRenewalModeSchema,
  acmeRevokeSchema,
} from "@/lib/validations/acme";
import { objectAnswer, type ApiOperation } from "../operation";

const CA_ERRORS = ["ERR_ACME_UNREACHABLE", "ERR_ACME_PROBLEM"] as const;

/** Certificates from an ACME CA: accounts, orders, renewals and revocation. */
export const acmeOperations: ApiOperation[] = [
  { method: "GET", path: "/api/v1/acme/accounts", summary: "The ACME accounts (no key material).", access: "read", response: objectAnswer("`{ items }`.") },
  {
    method: "POST",
    path: "/api/v1/acme/accounts",
    summary: "Register an ACME account at its CA (terms of service, optional external account binding, RFC 2136 DNS update).",
    access: "mutate",
    body: acmeAccountSchema,
    response: objectAnswer("The account."),
    errors: ["ERR_ACME_TERMS_NOT_ACCEPTED", "ERR_ACME_EAB_REQUIRED", ...CA_ERRORS],
  },
  { method: "POST", path: "/api/v1/acme/accounts/{id}/deactivate", summary: "Deactivate the account at its CA.", access: "mutate", response: objectAnswer("The account."), errors: [...CA_ERRORS] },
  { method: "GET", path: "/api/v1/acme/certificates", summary: "Certificates issued through ACME, their renewal setting and pending approvals.", access: "read", response: objectAnswer("`{ items }`.") },
  {
    method: "POST",
    path: "/api/v1/acme/certificates/{id}/approve-renewal",
    summary: "Approve a pending renewal: move the predecessor's services to the renewed certificate.",
    access: "mutate",
    body: acmeApproveRenewalSchema.omit({ certificateId: true }),
    response: objectAnswer("The services moved."),
    errors: ["ERR_ACKNOWLEDGEMENT_REQUIRED", "ERR_CONFLICT"],
  },
  { method: "POST", path: "/api/v1/acme/certificates/{id}/renew", summary: "Renew through ACME now (id or thumbprint).", access: "mutate", response: objectAnswer("The renewal."), errors: ["ERR_ACME_NOT_ISSUED_HERE", ...CA_ERRORS] },
  {
    method: "PUT",
    path: "/api/v1/acme/certificates/{id}/renewal-mode",
    summary: "How a renewal takes over the predecessor's services: automatic, or after an administrator's approval.",
    access: "mutate",
    body: acmeRenewalModeSchema.omit({ certificateId: true }),
    response: objectAnswer("The setting."),
    errors: ["ERR_ACME_NOT_ISSUED_HERE"],
  },
  {
    method: "POST",
    path: "/api/v1/acme/certificates/{id}/revoke",
    summary: "Revoke at the CA with an RFC 5280 reason.",
    access: "mutate",
    body: acmeRevokeSchema.omit({ certificateId: true }),
    response: objectAnswer("The revocation."),
    errors: ["ERR_ACME_ALREADY_REVOKED", "ERR_ACME_NOT_ISSUED_HERE", ...CA_ERRORS],
  },
  {
    method: "POST",
    path: "/api/v1/acme/orders",
    summary: "Issue through ACME: RFC 2136 answers `{ status: \"Issued\", certificate }`, manual `{ status: \"AwaitingConfirmation\", acmeOrderId, records }`.",
    access: "mutate",
    body: acmeIssueSchema,
    response: objectAnswer("The order's outcome."),
    errors: ["ERR_ACME_NOT_CONFIGURED", "ERR_ACME_VALIDATION", "ERR_ACME_NO_DNS_UPDATE", "ERR_DNS_UPDATE_REFUSED", "ERR_DNS_UNREACHABLE", ...CA_ERRORS],
  },
  { method: "GET", path: "/api/v1/acme/orders/{id}", summary: "An order: status, the manual solver's TXT records, the CA's problem in words, the certificate.", access: "read", response: objectAnswer("The order.") },
  {
    method: "POST",
    path: "/api/v1/acme/orders/{id}/confirm",
    summary: "\"I have created them\": the TXT records are pre-checked on the authoritative name servers, then the CA validates.",
    access: "mutate",
    response: objectAnswer("The order's outcome."),
    errors: ["ERR_ACME_DNS_NOT_PROPAGATED", "ERR_ACME_VALIDATION", "ERR_DNS_UNREACHABLE", ...CA_ERRORS],
  },
];
