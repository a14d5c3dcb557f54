import { describe, expect, test } from "vitest";
import { isPkiError } from "../errors";
import { expiryAlertKey, expiryAlertsDue, type ExpiryAlert } from "./expiry";

const NOT_AFTER = new Date("2026-12-31T12:00:00Z");
const CERT = { thumbprint: "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678", subject: "CN=mail.contoso.com", notAfter: NOT_AFTER };
const T = CERT.thumbprint.toUpperCase();
const before = (hours: number) => new Date(NOT_AFTER.getTime() - hours * 3_600_000);
const brief = (a: ExpiryAlert) => [a.kind, a.eventId, a.thresholdDays, a.hoursLeft, a.keys];

describe("expiryAlertsDue", () => {
  test.each<[string, Date, string[], unknown[] | null]>([
    ["61 days left: nothing", before(61 * 24), [], null],
    ["exactly 60 days left: the 60-day alert", before(60 * 24), [], ["ExpiresSoon", 12018, 60, 1440, [`${T}:ExpiresSoon:60`]]],
    ["59 days left, 60 already sent: nothing", before(59 * 24), [`${T}:ExpiresSoon:60`], null],
    ["29 days left, 60 sent: the 30-day alert", before(29 * 24), [`${T}:ExpiresSoon:60`], ["ExpiresSoon", 12018, 30, 696, [`${T}:ExpiresSoon:30`]]],
    ["first seen 6.5 days before: one 7-day alert covering every crossed threshold", before(156), [], ["ExpiresSoon", 12018, 7, 156, [`${T}:ExpiresSoon:7`, `${T}:ExpiresSoon:14`, `${T}:ExpiresSoon:30`, `${T}:ExpiresSoon:60`]]],
    ["6.5 days, 60 and 30 sent: 7-day alert records 7 and 14", before(156), [`${T}:ExpiresSoon:60`, `${T}:ExpiresSoon:30`], ["ExpiresSoon", 12018, 7, 156, [`${T}:ExpiresSoon:7`, `${T}:ExpiresSoon:14`]]],
    ["6.5 days, 7 sent: nothing", before(156), [`${T}:ExpiresSoon:7`], null],
    ["30 minutes left, 14 days onward sent: 7-day alert with 0 hours left", before(0.5), [`${T}:ExpiresSoon:14`, `${T}:ExpiresSoon:30`, `${T}:ExpiresSoon:60`], ["ExpiresSoon", 12018, 7, 0, [`${T}:ExpiresSoon:7`]]],
    ["exactly at notAfter: Expired", NOT_AFTER, [`${T}:ExpiresSoon:7`], ["Expired", 12016, null, 0, [`${T}:Expired`]]],
    ["a day after: Expired", before(-24), [], ["Expired", 12016, null, 0, [`${T}:Expired`]]],
    ["Expired already sent: nothing", before(-24), [`${T}:Expired`], null],
  ])("%s", (_label, now, sent, expected) => {
    const alerts = expiryAlertsDue({ certificates: [CERT], now, alreadyAlerted: new Set(sent) });
    if (expected === null) return expect(alerts).toEqual([]);
    expect(alerts.map(brief)).toEqual([expected]);
  });

  test("the 12018 message gives the hours left, like the transport event", () => {
    const [alert] = expiryAlertsDue({ certificates: [CERT], now: before(156), alreadyAlerted: new Set() });
    expect(alert!.message).toMatch(new RegExp(`^The certificate with thumbprint ${T} is about to expire: 156 hours left`));
  });

  test("the 12016 message gives the end of validity", () => {
    const [alert] = expiryAlertsDue({ certificates: [CERT], now: before(-1), alreadyAlerted: new Set() });
    expect(alert!.message).toBe(`The certificate with thumbprint ${T} (CN=mail.contoso.com) has expired: it was valid until 2026-12-31T12:00:00.000Z`);
  });

  test("walking day by day from 90 days before to 2 days after fires each threshold once, then Expired once", () => {
    const sent = new Set<string>();
    const fired: Array<[number | null, string]> = [];
    for (let hours = 90 * 24; hours >= -48; hours -= 24) {
      for (const alert of expiryAlertsDue({ certificates: [CERT], now: before(hours), alreadyAlerted: sent })) {
        fired.push([alert.thresholdDays, alert.kind]);
        alert.keys.forEach((k) => sent.add(k));
      }
    }
    expect(fired).toEqual([
      [60, "ExpiresSoon"],
      [30, "ExpiresSoon"],
      [14, "ExpiresSoon"],
      [7, "ExpiresSoon"],
      [null, "Expired"],
    ]);
  });

  test("custom thresholds, unsorted and duplicated, and several certificates", () => {
    const other = { thumbprint: "FF".repeat(20), subject: "CN=old.contoso.com", notAfter: new Date("2026-01-01T00:00:00Z") };
    const alerts = expiryAlertsDue({ certificates: [CERT, other], now: before(20 * 24), thresholdsDays: [21, 3, 21], alreadyAlerted: new Set() });
    expect(alerts.map((a) => [a.thumbprint, a.kind, a.thresholdDays])).toEqual([
      [T, "ExpiresSoon", 21],
      ["FF".repeat(20), "Expired", null],
    ]);
  });

  test("muted certificates get no alerts", () => {
    expect(expiryAlertsDue({ certificates: [CERT], now: before(-1), alreadyAlerted: new Set(), muted: new Set([T]) })).toEqual([]);
  });

  test.each([[0], [-7], [Number.NaN]])("threshold %s is refused with ERR_EXPIRY_THRESHOLD", (bad) => {
    let caught: unknown;
    try {
      expiryAlertsDue({ certificates: [CERT], now: NOT_AFTER, thresholdsDays: [30, bad], alreadyAlerted: new Set() });
    } catch (error) {
      caught = error;
    }
    expect(isPkiError(caught, "ERR_EXPIRY_THRESHOLD")).toBe(true);
  });

  test("keys are upper-case thumbprint based", () => {
    expect(expiryAlertKey("ab", "ExpiresSoon", 7)).toBe("AB:ExpiresSoon:7");
    expect(expiryAlertKey("ab", "Expired")).toBe("AB:Expired");
  });
});
