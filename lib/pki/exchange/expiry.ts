/**
 * Expiry alerts, after Exchange's transport events 12018 ("the certificate will expire soon", with the hours
 * remaining) and 12016 ("the certificate has expired"). Pure: the certificates, the time and what was already
 * alerted come in; the alerts due go out, each with the keys the caller records so that every threshold fires
 * once per certificate.
 * @packageDocumentation
 */
import { PkiError } from "../errors";

/** Kinds of expiry alert. */
export type ExpiryAlertKind = "ExpiresSoon" | "Expired";

/** The Exchange event ID of each kind. */
export const EXPIRY_EVENT_IDS: Readonly<Record<ExpiryAlertKind, 12018 | 12016>> = { ExpiresSoon: 12018, Expired: 12016 };

/** Default thresholds in days before notAfter. */
export const DEFAULT_EXPIRY_THRESHOLDS_DAYS: readonly number[] = [60, 30, 14, 7];

/** A certificate being watched. */
export interface WatchedCertificate {
  thumbprint: string;
  subject: string;
  notAfter: Date;
}

/** One alert due now. */
export interface ExpiryAlert {
  kind: ExpiryAlertKind;
  eventId: 12018 | 12016;
  thumbprint: string;
  subject: string;
  notAfter: Date;
  /** The threshold (days) this alert is for; null for `Expired`. */
  thresholdDays: number | null;
  /** Whole hours left (0 when expired). */
  hoursLeft: number;
  message: string;
  /**
   * The keys to record as alerted once the alert is delivered. An `ExpiresSoon` alert covers every threshold
   * already crossed, so a certificate first seen 5 days before expiry gets one alert, not four.
   */
  keys: string[];
}

/** Input of {@link expiryAlertsDue}. */
export interface ExpiryAlertInput {
  certificates: readonly WatchedCertificate[];
  now: Date;
  /** Days before notAfter at which "expires soon" fires, e.g. [60, 30, 14, 7]. */
  thresholdsDays?: readonly number[];
  /** Keys ({@link expiryAlertKey}) recorded for alerts already delivered. */
  alreadyAlerted: ReadonlySet<string>;
  /** Thumbprints whose alerts are muted (e.g. auto-renewed certificates). */
  muted?: ReadonlySet<string>;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** The record key of one alert: `THUMBPRINT:Expired` or `THUMBPRINT:ExpiresSoon:30`. */
export function expiryAlertKey(thumbprint: string, kind: ExpiryAlertKind, thresholdDays?: number): string {
  const t = thumbprint.toUpperCase();
  return kind === "Expired" ? `${t}:Expired` : `${t}:ExpiresSoon:${thresholdDays}`;
}

function checkedThresholds(thresholds: readonly number[]): number[] {
  for (const t of thresholds) {
    if (!Number.isFinite(t) || t <= 0) throw new PkiError("ERR_EXPIRY_THRESHOLD", `An expiry threshold must be a positive number of days (got ${t}).`, { threshold: t });
  }
  return [...new Set(thresholds)].sort((a, b) => a - b);
}

/**
 * The expiry alerts due at `now`. For each certificate not muted: `Expired` (event 12016) once notAfter has
 * passed, otherwise `ExpiresSoon` (event 12018) for the tightest threshold crossed that was not alerted yet.
 * Each threshold fires once per certificate; `Expired` fires once. Throws `ERR_EXPIRY_THRESHOLD` for a threshold
 * that is not a positive number.
 */
export function expiryAlertsDue(input: ExpiryAlertInput): ExpiryAlert[] {
  const thresholds = checkedThresholds(input.thresholdsDays ?? DEFAULT_EXPIRY_THRESHOLDS_DAYS);
  const alerts: ExpiryAlert[] = [];
  for (const cert of input.certificates) {
    if (input.muted?.has(cert.thumbprint.toUpperCase()) || input.muted?.has(cert.thumbprint)) continue;
    const thumbprint = cert.thumbprint.toUpperCase();
    const leftMs = cert.notAfter.getTime() - input.now.getTime();
    if (leftMs <= 0) {
      const key = expiryAlertKey(thumbprint, "Expired");
      if (input.alreadyAlerted.has(key)) continue;
      alerts.push({
        kind: "Expired",
        eventId: EXPIRY_EVENT_IDS.Expired,
        thumbprint,
        subject: cert.subject,
        notAfter: cert.notAfter,
        thresholdDays: null,
        hoursLeft: 0,
        message: `The certificate with thumbprint ${thumbprint} (${cert.subject}) has expired: it was valid until ${cert.notAfter.toISOString()}`,
        keys: [key],
      });
      continue;
    }
    const crossed = thresholds.filter((t) => leftMs <= t * DAY_MS);
    const tightest = crossed[0];
    if (tightest === undefined) continue;
    if (input.alreadyAlerted.has(expiryAlertKey(thumbprint, "ExpiresSoon", tightest))) continue;
    const hoursLeft = Math.floor(leftMs / HOUR_MS);
    alerts.push({
      kind: "ExpiresSoon",
      eventId: EXPIRY_EVENT_IDS.ExpiresSoon,
      thumbprint,
      subject: cert.subject,
      notAfter: cert.notAfter,
      thresholdDays: tightest,
      hoursLeft,
      message: `The certificate with thumbprint ${thumbprint} is about to expire: ${hoursLeft} hours left (${cert.subject}, expires ${cert.notAfter.toISOString()})`,
      keys: crossed.map((t) => expiryAlertKey(thumbprint, "ExpiresSoon", t)).filter((k) => !input.alreadyAlerted.has(k)),
    });
  }
  return alerts;
}

/** Whole days from `now` until `notAfter`, rounded down; negative once expired. */
export function daysLeft(notAfter: Date, now: Date): number {
  return Math.floor((notAfter.getTime() - now.getTime()) / 86_400_000);
}
