import { describe, expect, test } from "vitest";
import { explainCertificate } from "./explain-certificate";
import { CAUSE_EXPLANATIONS, STATUS_CAUSES, STATUS_EXPLANATIONS, causeOfErrorCode, explainCause, explainStatus } from "./status-explanations";
import { EXCHANGE_STATUSES } from "./status";

const now = new Date("2026-06-01T00:00:00Z");
const failedCheck = (errorCode: string, extra: Record<string, unknown> = {}) => [
  {
    depth: 0,
    status: "unknown",
    message: "revocation status unknown",
    attempts: [{ method: "CRL", url: "http://crl.contoso.com/issuing.crl", outcome: "failed", errorCode, message: "it failed", route: { via: "direct", reason: "no proxy" }, ...extra }],
  },
];

describe("the explanation table", () => {
  test.each(EXCHANGE_STATUSES.map((s) => [s]))("status %s has a meaning and an action", (status) => {
    const e = explainStatus(status);
    expect(e.code).toBe(status);
    expect(e.meaning.length).toBeGreaterThan(20);
    expect(e.action.length).toBeGreaterThan(10);
  });

  test.each(STATUS_CAUSES.map((c) => [c]))("cause %s has a title, a meaning and an action", (cause) => {
    const e = explainCause(cause, { host: "crl.contoso.com", servers: ["EXCAS1"] });
    expect(e.title).toBe(CAUSE_EXPLANATIONS[cause].title);
    expect(e.meaning.length).toBeGreaterThan(20);
    expect(e.action.length).toBeGreaterThan(10);
  });

  test("an unrecognised status is explained as Unknown", () => {
    expect(explainStatus("Bogus").code).toBe("Unknown");
    expect(Object.keys(STATUS_EXPLANATIONS)).toHaveLength(EXCHANGE_STATUSES.length);
  });

  test("the proxy diagnosis names the bypass list as the usual fix (KB 979694)", () => {
    const e = explainCause("proxyRefused", { host: "crl.contoso.com", proxy: "http://proxy:8080" });
    expect(e.meaning).toContain("http://proxy:8080");
    expect(e.action).toMatch(/add crl\.contoso\.com to the proxy bypass list in Settings/);
    expect(e.action).toContain("KB 979694");
  });

  test.each([
    ["ERR_FETCH_TIMEOUT", undefined, "timeout"],
    ["ERR_FETCH_DNS", undefined, "dns"],
    ["ERR_FETCH_PROXY", undefined, "proxyRefused"],
    ["ERR_FETCH_REFUSED", undefined, "connectionRefused"],
    ["ERR_FETCH_HTTP_STATUS", 404, "http404"],
    ["ERR_FETCH_HTTP_STATUS", 500, "httpError"],
    ["ERR_CRL_STALE", undefined, "staleCrl"],
    ["ERR_CRL_BAD_SIGNATURE", undefined, "badCrlSignature"],
    ["ERR_FETCH_BLOCKED_ADDRESS", undefined, "blockedAddress"],
    ["ERR_NO_PATH", undefined, "untrustedRoot"],
    ["ERR_EXPIRED", undefined, "expired"],
    ["ERR_NAME_MISMATCH", undefined, "nameMismatch"],
    ["ERR_SOMETHING_ELSE", undefined, null],
  ] as const)("error code %s (HTTP %s) is cause %s", (code, http, cause) => {
    expect(causeOfErrorCode(code, http)).toBe(cause);
  });
});

describe("explainCertificate", () => {
  test("a revocation failure through a proxy names the CRL host and the bypass list", () => {
    const e = explainCertificate({ status: "RevocationCheckFailure", statusReason: "CRL unreachable", now, revocation: failedCheck("ERR_FETCH_PROXY", { route: { via: "http://127.0.0.1:3999", reason: "not on bypass list" } }) });
    expect(e.status.meaning).toMatch(/could not reach the list that says whether this certificate was revoked/);
    expect(e.causes.map((c) => c.code)).toEqual(["proxyRefused"]);
    expect(e.causes[0]!.action).toContain("add crl.contoso.com to the proxy bypass list");
    expect(e.causes[0]!.meaning).toContain("http://127.0.0.1:3999");
    expect(e.detail[0]).toBe("CRL unreachable");
    expect(e.detail[1]).toMatch(/^CRL http:\/\/crl\.contoso\.com\/issuing\.crl via http:\/\/127\.0\.0\.1:3999 .*\[ERR_FETCH_PROXY\]$/);
  });

  test("an HTTP 404 is explained as a missing list, not as a network failure", () => {
    const e = explainCertificate({ status: "RevocationCheckFailure", now, revocation: failedCheck("ERR_FETCH_HTTP_STATUS", { httpStatus: 404 }) });
    expect(e.causes.map((c) => c.code)).toEqual(["http404"]);
    expect(e.causes[0]!.meaning).toContain("http://crl.contoso.com/issuing.crl");
  });

  test("the same failure from two URLs of one host is one cause with two detail lines", () => {
    const revocation = [{ status: "unknown", attempts: [
      { method: "CRL", url: "http://crl.contoso.com/a.crl", outcome: "failed", errorCode: "ERR_FETCH_TIMEOUT" },
      { method: "OCSP", url: "http://crl.contoso.com/ocsp", outcome: "failed", errorCode: "ERR_FETCH_TIMEOUT" },
    ] }];
    const e = explainCertificate({ status: "RevocationCheckFailure", now, revocation });
    expect(e.causes).toHaveLength(1);
    expect(e.causes[0]!.detail).toHaveLength(2);
  });

  test("no CRL distribution point", () => {
    const revocation = [{ status: "unknown", message: "revocation status unknown: no revocation information in the certificate (no CRL distribution point and no OCSP URL)", attempts: [] }];
    expect(explainCertificate({ status: "RevocationCheckFailure", now, revocation }).causes.map((c) => c.code)).toEqual(["noCdp"]);
  });

  test("revocation attempts are not causes when the status is not RevocationCheckFailure", () => {
    expect(explainCertificate({ status: "Valid", now, revocation: failedCheck("ERR_FETCH_TIMEOUT") }).causes).toEqual([]);
  });

  test("expired with its date; untrusted names the servers; RootCAType Registry names the server", () => {
    const expired = explainCertificate({ status: "DateInvalid", now, notBefore: new Date("2024-01-01Z"), notAfter: new Date("2025-01-01Z") });
    expect(expired.causes[0]!.code).toBe("expired");
    expect(expired.causes[0]!.meaning).toContain("2025-01-01");
    const untrusted = explainCertificate({ status: "Untrusted", now, rootCaTypes: [{ server: "EX01", rootCaType: "Unknown" }, { server: "EXCAS1", rootCaType: "Unknown" }] });
    expect(untrusted.causes[0]!.action).toContain("Third-Party Root on EX01, EXCAS1");
    const registry = explainCertificate({ status: "Valid", now, rootCaTypes: [{ server: "EX01", rootCaType: "ThirdParty" }, { server: "EXCAS1", rootCaType: "Registry" }] });
    expect(registry.causes.map((c) => c.code)).toEqual(["rootCaTypeRegistry"]);
    expect(registry.causes[0]!.action).toBe("Add the root to Third-Party Root on EXCAS1 (the Trust stores page offers a one-click fix).");
    expect(registry.actions).toEqual([registry.causes[0]!.action]);
  });

  test("a cause on top of the status does not hide the status's own action (revoked and RootCAType Registry)", () => {
    const e = explainCertificate({ status: "Revoked", now, rootCaTypes: [{ server: "EXCAS1", rootCaType: "Registry" }] });
    expect(e.actions).toHaveLength(2);
    expect(e.actions[0]).toMatch(/^Replace it: request a new certificate/);
    expect(e.actions[1]).toMatch(/Third-Party Root on EXCAS1/);
    expect(explainCertificate({ status: "Valid", now }).actions).toEqual(["Nothing to do."]);
  });
});
