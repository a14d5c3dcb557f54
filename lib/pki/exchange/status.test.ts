import { describe, expect, test } from "vitest";
import { describeExchangeStatus, EXCHANGE_STATUSES, statusOfProblems } from "./status";
import { ValidationProblemCode as Code, validationProblem, type ValidationProblemCode } from "../path/validation-problem";

const problems = (...codes: ValidationProblemCode[]) => codes.map((code, depth) => validationProblem(depth, code, code));

describe("Exchange status", () => {
  test("every status has the EMC's description", () => {
    for (const status of EXCHANGE_STATUSES) expect(describeExchangeStatus(status).length).toBeGreaterThan(10);
    expect(describeExchangeStatus("RevocationCheckFailure")).toBe("The certificate status could not be determined because the revocation check failed.");
  });

  test.each([
    [[], "Valid"],
    [[Code.Expired], "DateInvalid"],
    [[Code.NotYetValid], "DateInvalid"],
    [[Code.NoPath], "Untrusted"],
    [[Code.Signature], "Invalid"],
    [[Code.RevocationUnavailable], "RevocationCheckFailure"],
    [[Code.Revoked], "Revoked"],
    [[Code.Expired, Code.Revoked], "Revoked"],
    [[Code.Expired, Code.KeyUsage], "Invalid"],
    [[Code.NoPath, Code.Expired], "DateInvalid"],
    [[Code.RevocationUnavailable, Code.Expired], "DateInvalid"],
    [[Code.RevocationUnavailable, Code.NameMismatch], "Invalid"],
  ] as [ValidationProblemCode[], string][])("%j → %s", (codes, status) => expect(statusOfProblems(problems(...codes))).toBe(status));
});
