import { z } from "zod";
import { EXCHANGE_STATUSES, type ExchangeStatus } from "@/lib/pki/exchange/status";

/** Exchange services a certificate can be assigned to. */
export const SERVICES = ["IIS", "SMTP", "IMAP", "POP", "UM", "UMCallRouter", "Federation"] as const;
export type Service = (typeof SERVICES)[number];

/** Get-ExchangeCertificate statuses. */
export const STATUSES = EXCHANGE_STATUSES;
export type CertificateStatus = ExchangeStatus;

/** Per-server trust stores. */
export const TRUST_STORES = ["TrustedRoot", "ThirdPartyRoot", "Intermediate", "Enterprise", "GroupPolicy"] as const;
export type TrustStore = (typeof TRUST_STORES)[number];

/** Exchange server roles. */
export const SERVER_ROLES = ["Mailbox", "ClientAccess", "Edge"] as const;

export const REVOCATION_POLICIES = ["strict", "warnButAllow"] as const;
export type RevocationPolicy = (typeof REVOCATION_POLICIES)[number];

export const serviceSchema = z.enum(SERVICES);
export const statusSchema = z.enum(STATUSES);
export const trustStoreSchema = z.enum(TRUST_STORES);
