import { describe, expect, test } from "vitest";
import { computeDrift, type ServerSideState } from "./drift";

const A = "A".repeat(40);
const B = "B".repeat(40);
const ROOT = "C".repeat(40);
const UNKNOWN = "D".repeat(40);

const side = (over: Partial<ServerSideState> = {}): ServerSideState => ({
  certificates: [{ thumbprint: A, services: ["IIS", "SMTP"], rootCaType: "ThirdParty", hasPrivateKey: true, privateKeyExportable: true }],
  defaultSmtpThumbprint: A,
  stores: { TrustedRoot: new Set([ROOT]), ThirdPartyRoot: new Set([ROOT]), Intermediate: new Set() },
  ...over,
});

const drift = (consoleSide: ServerSideState, serverSide: ServerSideState) => computeDrift({ serverName: "EX01", console: consoleSide, server: serverSide, knownThumbprints: new Set([A, B, ROOT]) });

describe("computeDrift", () => {
  test("identical sides: no drift", () => {
    expect(drift(side(), side())).toEqual([]);
  });

  test("a certificate only in the console is imported there; one only on the server is removed there", () => {
    const items = drift(side(), side({ certificates: [...side().certificates, { thumbprint: B, services: [], rootCaType: "None", hasPrivateKey: true, privateKeyExportable: false }] }));
    expect(items.map((i) => [i.kind, i.commands])).toEqual([["CertificateOnlyOnServer", [`Remove-ExchangeCertificate -Server EX01 -Thumbprint ${B} -Confirm:$false`]]]);
    const other = drift(side({ certificates: [...side().certificates, { thumbprint: B, services: [], rootCaType: "None", hasPrivateKey: false, privateKeyExportable: false }] }), side());
    expect(other.map((i) => [i.kind, i.commands])).toEqual([["CertificateOnlyInConsole", [`Import-ExchangeCertificate -Server EX01 -FileData ([System.IO.File]::ReadAllBytes('C:\\certs\\${B}.pfx'))`]]]);
  });

  test("a binding only on the server cannot be removed alone: the console's holder of that service is enabled instead", () => {
    const consoleSide = side({ certificates: [{ thumbprint: A, services: ["SMTP"], rootCaType: "ThirdParty", hasPrivateKey: true, privateKeyExportable: true }, { thumbprint: B, services: ["IIS"], rootCaType: "ThirdParty", hasPrivateKey: true, privateKeyExportable: true }] });
    const serverSide = side({ certificates: [{ thumbprint: A, services: ["IIS", "SMTP"], rootCaType: "ThirdParty", hasPrivateKey: true, privateKeyExportable: true }, { thumbprint: B, services: [], rootCaType: "ThirdParty", hasPrivateKey: true, privateKeyExportable: true }] });
    const items = drift(consoleSide, serverSide);
    expect(items.map((i) => `${i.kind} ${i.service} ${i.thumbprint[0]}`)).toEqual(["BindingOnlyOnServer IIS A", "BindingOnlyInConsole IIS B"]);
    expect(items[0]!.commands).toEqual([`Enable-ExchangeCertificate -Server EX01 -Thumbprint ${B} -Services IIS`]);
  });

  test("default SMTP certificate and RootCAType", () => {
    const items = drift(side(), side({ defaultSmtpThumbprint: null, certificates: [{ ...side().certificates[0]!, rootCaType: "Registry" }] }));
    expect(items.map((i) => [i.kind, i.console, i.server])).toEqual([
      ["RootCaTypeDiffers", "ThirdParty", "Registry"],
      ["DefaultSmtpDiffers", A, "none"],
    ]);
    expect(items[1]!.commands).toEqual([`Enable-ExchangeCertificate -Server EX01 -Thumbprint ${A} -Services SMTP -Force`]);
  });

  test("trust stores: only certificates the console knows are compared; unknown stores are not compared", () => {
    const serverSide = side({ stores: { TrustedRoot: new Set([ROOT, UNKNOWN]), ThirdPartyRoot: new Set(), Intermediate: new Set([B]) } });
    const items = drift(side(), serverSide);
    expect(items.map((i) => `${i.kind} ${i.store} ${i.thumbprint[0]}`)).toEqual(["TrustStoreOnlyInConsole ThirdPartyRoot C", "TrustStoreOnlyOnServer Intermediate B"]);
    expect(items[1]!.commands).toEqual([`Remove-Item -Path 'Cert:\\LocalMachine\\CA\\${B}' # run on EX01`]);
    expect(drift(side(), side({ stores: null }))).toEqual([]);
  });
});
