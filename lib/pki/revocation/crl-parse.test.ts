import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { isPkiError } from "../errors";
import { crlEntries, crlEntry, parseCrl } from "./crl-parse";
import { serialKeyFromHex } from "./serial-key";
import { toHex } from "../asn1/der";
import { makeCrl, makeLab, type Lab } from "./__fixtures__/openssl-lab";
import { PKITS_DIR } from "./__fixtures__/pkits";

const pkits = (name: string) => parseCrl(new Uint8Array(readFileSync(path.join(PKITS_DIR, "crls", `${name}.crl`))));

describe("parseCrl", () => {
  let lab: Lab;
  beforeAll(() => {
    lab = makeLab();
  });

  test("openssl CRL: issuer, CRL number, AKI, entries with reasons and hold", () => {
    const crl = parseCrl(makeCrl(lab, { crlNumber: "2A", revoked: [{ serial: "1002", reason: "keyCompromise" }, { serial: "1003", reason: "certificateHold,holdInstructionReject" }] }));
    expect(crl.issuer).toBe("CN=Lab Issuing CA, O=Lab"); // shown CN-first, as Windows does
    expect(crl.crlNumber).toBe(42n);
    expect(crl.deltaCrlIndicator).toBeUndefined();
    expect(crl.authorityKeyId && toHex(crl.authorityKeyId)).toBe(lab.ca.getExtension("2.5.29.14") ? toHex(new Uint8Array(lab.ca.getExtension("2.5.29.14")!.value).subarray(2)) : "");
    const entries = [...crlEntries(crl)];
    expect(entries.map((e) => [e.serialHex, e.reason, e.revocationDate.toISOString()])).toEqual([
      ["1002", "keyCompromise", "2026-01-05T00:00:00.000Z"],
      ["1003", "certificateHold", "2026-01-05T00:00:00.000Z"],
    ]);
    expect(crl.index.find(serialKeyFromHex("1003"))).toBe(1);
  });

  test("delta CRL indicator, IDP and freshestCRL from config", () => {
    const crl = parseCrl(makeCrl(lab, { crlNumber: "05", extensions: ["2.5.29.27 = critical,DER:02:01:03", "issuingDistributionPoint = critical,@idp", "[idp]", "fullname = URI:http://crl.lab.test/delta.crl", "onlyuser = TRUE"] }));
    expect(crl.deltaCrlIndicator).toBe(3n);
    expect(crl.crlNumber).toBe(5n);
    expect(crl.issuingDistributionPoint).toMatchObject({ onlyContainsUserCerts: true, onlyContainsCACerts: false, indirectCRL: false });
    expect(crl.issuingDistributionPoint?.distributionPoint?.fullName).toEqual([{ kind: "uri", value: "http://crl.lab.test/delta.crl" }]);
    expect(crl.unknownCriticalExtension).toBeUndefined();
  });

  test("PEM input is accepted", () => {
    const der = makeCrl(lab);
    const pem = `-----BEGIN X509 CRL-----\n${btoa(String.fromCharCode(...der)).replace(/.{64}/g, "$&\n")}\n-----END X509 CRL-----\n`;
    expect(parseCrl(new TextEncoder().encode(pem)).crlNumber).toBe(1n);
  });

  test.each([
    { name: "indirectCRLCA5CRL", check: (c: ReturnType<typeof parseCrl>) => c.issuingDistributionPoint?.indirectCRL === true && crlEntry(c, 1).certificateIssuer?.[0]?.kind === "directoryName" },
    { name: "onlySomeReasonsCA1compromiseCRL", check: (c: ReturnType<typeof parseCrl>) => c.issuingDistributionPoint?.onlySomeReasons === 6 },
    { name: "deltaCRLCA1deltaCRL", check: (c: ReturnType<typeof parseCrl>) => c.deltaCrlIndicator === 1n && [...crlEntries(c)].some((e) => e.reason === "removeFromCRL") },
    { name: "UnknownCRLExtensionCACRL", check: (c: ReturnType<typeof parseCrl>) => c.unknownCriticalExtension === "2.16.840.1.101.2.1.12.2" },
    { name: "UnknownCRLEntryExtensionCACRL", check: (c: ReturnType<typeof parseCrl>) => [...c.extras.values()].some((e) => e.unknownCritical) },
    { name: "distributionPoint2CACRL", check: (c: ReturnType<typeof parseCrl>) => !!c.issuingDistributionPoint?.distributionPoint?.relativeName },
    { name: "NegativeSerialNumberCACRL", check: (c: ReturnType<typeof parseCrl>) => crlEntry(c, 0).serialHex === "FF" },
  ])("PKITS $name", ({ name, check }) => {
    expect(check(pkits(name))).toBe(true);
  });

  test("garbage throws ERR_CRL_MALFORMED, never anything else", () => {
    for (const bytes of [new Uint8Array([1, 2, 3]), new TextEncoder().encode("-----BEGIN X509 CRL-----\n!!!\n-----END X509 CRL-----")]) {
      let error: unknown;
      try {
        parseCrl(bytes);
      } catch (e) {
        error = e;
      }
      expect(isPkiError(error)).toBe(true);
    }
  });
});
