import { describe, expect, test } from "vitest";
import { authConfigFindings, edgeSubscriptionFindings } from "./auth-findings";
import { connectorFindings, protocolFindings } from "./connector-findings";
import type { Organization, OrgCertificate } from "./organization";
import { comparableName, matchesTlsCertificateName, parseTlsCertificateName, tlsCertificateName } from "./tls-certificate-name";
import { allowsClientAuth, clientAuthFindings, lifetimeFindings, maxPublicTlsLifetimeDays, renewalCadence } from "./web-pki-2026";

const NOW = new Date("2026-12-01T00:00:00Z");
const DAY = 86_400_000;
const days = (n: number) => new Date(NOW.getTime() + n * DAY);
const SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
const CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

const cert = (thumbprint: string, over: Partial<OrgCertificate> = {}): OrgCertificate => ({
  thumbprint,
  subject: "CN=mail.contoso.com, O=Contoso, C=US",
  issuer: "CN=Issuing CA 2024, O=Trust, C=US",
  notBefore: days(-100),
  notAfter: days(100),
  domains: ["mail.contoso.com", "autodiscover.contoso.com"],
  ekus: [SERVER_AUTH, CLIENT_AUTH],
  isSelfSigned: false,
  status: "Valid",
  ...over,
});

const org = (over: Partial<Organization> = {}): Organization => ({
  certificates: [cert("A".repeat(40))],
  servers: [{ name: "EX01", role: "Mailbox", defaultSmtpThumbprint: "A".repeat(40), installations: [{ thumbprint: "A".repeat(40), services: ["IIS", "SMTP", "IMAP"], rootCaType: "ThirdParty", hasPrivateKey: true }], imapCertificateName: null, popCertificateName: null }],
  connectors: [],
  authConfig: null,
  edgeSubscriptions: [],
  ...over,
});

const connector = (tlsCertificateName: string, over: Partial<Organization["connectors"][number]> = {}): Organization["connectors"][number] => ({
  identity: "Outbound to Office 365",
  kind: "Send",
  name: "Outbound to Office 365",
  serverName: null,
  sourceServers: ["EX01"],
  fqdn: "mail.contoso.com",
  tlsCertificateName,
  requireTls: true,
  domainSecureEnabled: false,
  cloudServicesMailEnabled: true,
  addressSpaces: [],
  smartHosts: [],
  ...over,
});

describe("TlsCertificateName", () => {
  test("round trip and tolerant comparison (spacing, case, ST= for S=)", () => {
    const name = tlsCertificateName({ issuer: "CN=Issuing CA 2024, O=Trust, C=US", subject: "CN=mail.contoso.com, O=Contoso, S=WA, C=US" });
    expect(parseTlsCertificateName(name)).toEqual({ issuer: "CN=Issuing CA 2024, O=Trust, C=US", subject: "CN=mail.contoso.com, O=Contoso, S=WA, C=US" });
    expect(matchesTlsCertificateName("<I>cn=issuing ca 2024,o=Trust,  C=US<S>CN=mail.contoso.com,O=Contoso,ST=WA,C=US", { issuer: "CN=Issuing CA 2024, O=Trust, C=US", subject: "CN=mail.contoso.com, O=Contoso, S=WA, C=US" })).toBe(true);
    expect(comparableName('CN="Contoso, Inc", C=US')).toBe('cn="contoso, inc",c=us');
  });
  test.each(["", "CN=mail.contoso.com", "<S>CN=x<I>CN=y", "<I><S>CN=x"])("%j is not a TlsCertificateName", (text) => {
    expect(parseTlsCertificateName(text)).toBeNull();
  });
});

describe("connector and IMAP/POP findings", () => {
  test("a connector pinned to another issuer matches nothing on its server", () => {
    const f = connectorFindings(org({ connectors: [connector("<I>CN=Issuing CA 2022, O=Trust, C=US<S>CN=mail.contoso.com, O=Contoso, C=US")] }), NOW);
    expect(f.map((x) => [x.code, x.serverName])).toEqual([["CONNECTOR_TLS_NAME_NO_MATCH", "EX01"]]);
    expect(f[0]!.message).toContain("Office 365");
  });
  test("a connector whose certificate expired", () => {
    const o = org({ certificates: [cert("A".repeat(40), { notAfter: days(-1) })], connectors: [connector("<I>CN=Issuing CA 2024, O=Trust, C=US<S>CN=mail.contoso.com, O=Contoso, C=US")] });
    expect(connectorFindings(o, NOW).map((x) => x.code)).toEqual(["CONNECTOR_TLS_NAME_NOT_VALID"]);
  });
  test("a matching valid certificate, or RevocationCheckFailure (transport does not check revocation), is fine", () => {
    const pinned = connector("<I>CN=Issuing CA 2024, O=Trust, C=US<S>CN=mail.contoso.com, O=Contoso, C=US");
    expect(connectorFindings(org({ connectors: [pinned] }), NOW)).toEqual([]);
    expect(connectorFindings(org({ certificates: [cert("A".repeat(40), { status: "RevocationCheckFailure" })], connectors: [pinned] }), NOW)).toEqual([]);
  });
  test.each([
    ["imap.contoso.com", ["PROTOCOL_NAME_NOT_COVERED"]],
    ["mail.contoso.com", []],
  ])("IMAP X509CertificateName %s", (name, codes) => {
    const o = org();
    const servers = [{ ...o.servers[0]!, imapCertificateName: name }];
    expect(protocolFindings({ ...o, servers }).map((f) => f.code)).toEqual(codes);
  });
  test("a POP name with no certificate enabled for POP", () => {
    const o = org();
    expect(protocolFindings({ ...o, servers: [{ ...o.servers[0]!, popCertificateName: "mail.contoso.com" }] }).map((f) => f.code)).toEqual(["PROTOCOL_NO_CERTIFICATE"]);
  });
});

describe("Auth certificate and Edge subscription", () => {
  const auth = (notAfterDays: number, next = "") =>
    org({
      certificates: [cert("A".repeat(40)), cert("B".repeat(40), { subject: "CN=Microsoft Exchange Server Auth Certificate", isSelfSigned: true, notAfter: days(notAfterDays) })],
      servers: [
        { name: "EX01", role: "Mailbox", defaultSmtpThumbprint: null, installations: [{ thumbprint: "B".repeat(40), services: [], rootCaType: "None", hasPrivateKey: true }], imapCertificateName: null, popCertificateName: null },
        { name: "EX02", role: "Mailbox", defaultSmtpThumbprint: null, installations: [], imapCertificateName: null, popCertificateName: null },
        { name: "EDGE1", role: "Edge", defaultSmtpThumbprint: null, installations: [], imapCertificateName: null, popCertificateName: null },
      ],
      authConfig: { currentThumbprint: "B".repeat(40), previousThumbprint: "", nextThumbprint: next, nextEffectiveDate: null },
    });
  test.each([
    [40, "", ["AUTH_CERT_MISSING_ON_SERVER@EX02", "AUTH_CERT_EXPIRING@-", "AUTH_NO_NEXT_CERT@-"]],
    [59, "C".repeat(40), ["AUTH_CERT_MISSING_ON_SERVER@EX02", "AUTH_NEXT_CERT_MISSING_ON_SERVER@EX01", "AUTH_NEXT_CERT_MISSING_ON_SERVER@EX02", "AUTH_CERT_EXPIRING@-"]],
    [60, "", ["AUTH_CERT_MISSING_ON_SERVER@EX02"]],
    [-1, "", ["AUTH_CERT_MISSING_ON_SERVER@EX02", "AUTH_CERT_EXPIRED@-", "AUTH_NO_NEXT_CERT@-"]],
  ])("expiring in %i days, next %j", (d, next, codes) => {
    expect(authConfigFindings(auth(d, next), NOW).map((f) => `${f.code}@${f.serverName ?? "-"}`)).toEqual(codes);
  });
  test("the Edge server now uses another certificate than its subscription holds", () => {
    const o = org({
      servers: [{ name: "EDGE1", role: "Edge", defaultSmtpThumbprint: "D".repeat(40), installations: [], imapCertificateName: null, popCertificateName: null }],
      edgeSubscriptions: [{ name: "EDGE1", site: "Default-First-Site-Name", certificateThumbprint: "E".repeat(40) }],
    });
    expect(edgeSubscriptionFindings(o).map((f) => f.code)).toEqual(["EDGE_CERT_CHANGED"]);
    expect(edgeSubscriptionFindings({ ...o, edgeSubscriptions: [{ name: "EDGE1", site: "x", certificateThumbprint: "D".repeat(40) }] })).toEqual([]);
  });
});

describe("2026 Web PKI", () => {
  test.each([
    ["2026-03-14T23:59:59Z", 398],
    ["2026-03-15T00:00:00Z", 200],
    ["2027-03-14T12:00:00Z", 200],
    ["2027-03-15T00:00:00Z", 100],
    ["2029-03-15T00:00:00Z", 47],
  ])("SC-081: issued %s lasts at most %i days", (issued, max) => {
    expect(maxPublicTlsLifetimeDays(new Date(issued))).toBe(max);
  });
  test("cadence: a certificate expiring in 200 days is replaced when 100-day certificates are the rule", () => {
    const c = renewalCadence(cert("A".repeat(40), { notBefore: days(-5), notAfter: days(195) }), NOW);
    expect(c).toMatchObject({ lifetimeDays: 200, replacementMaxDays: 100, renewalsPerYear: 6 });
    expect(c.replacementDue.toISOString()).toBe(days(165).toISOString());
  });
  test.each([
    [[], true],
    [[SERVER_AUTH], false],
    [[SERVER_AUTH, CLIENT_AUTH], true],
    [["2.5.29.37.0"], true],
  ])("EKUs %j allow client authentication: %s", (ekus, allowed) => {
    expect(allowsClientAuth(ekus)).toBe(allowed);
  });
  test("clientAuth: missing on a Domain Security connector's certificate, ending at renewal on a public one", () => {
    const domainSecure = connector("", { identity: "Woodgrove", name: "Woodgrove", domainSecureEnabled: true, cloudServicesMailEnabled: false });
    const serverOnly = org({ certificates: [cert("A".repeat(40), { ekus: [SERVER_AUTH] })], connectors: [domainSecure] });
    expect(clientAuthFindings(serverOnly, { publiclyTrusted: new Set() }).map((f) => f.code)).toEqual(["CLIENT_AUTH_MISSING"]);
    const both = org({ connectors: [domainSecure] });
    expect(clientAuthFindings(both, { publiclyTrusted: new Set(["A".repeat(40)]) }).map((f) => f.code)).toEqual(["CLIENT_AUTH_ENDS_AT_RENEWAL"]);
    expect(clientAuthFindings(both, { publiclyTrusted: new Set() })).toEqual([]);
    expect(clientAuthFindings(org({ connectors: [connector("", { cloudServicesMailEnabled: false })] }), { publiclyTrusted: new Set(["A".repeat(40)]) })).toEqual([]);
  });
  test("lifetimes: cadence for every public certificate, a warning for a manual process at 100 days, a 365-day certificate issued in 2026 is over the limit", () => {
    const o = org({ certificates: [cert("A".repeat(40), { notBefore: days(-5), notAfter: days(360) })] });
    const codes = lifetimeFindings(o, NOW, { publiclyTrusted: new Set(["A".repeat(40)]) }).map((f) => f.code);
    expect(codes).toEqual(["PUBLIC_RENEWAL_CADENCE", "PUBLIC_LIFETIME_OVER_LIMIT", "MANUAL_RENEWAL_SHORT_LIFETIME"]);
    expect(lifetimeFindings(o, NOW, { publiclyTrusted: new Set(["A".repeat(40)]), automated: new Set(["A".repeat(40)]) }).map((f) => f.code)).not.toContain("MANUAL_RENEWAL_SHORT_LIFETIME");
    expect(lifetimeFindings(o, NOW, { publiclyTrusted: new Set() })).toEqual([]);
  });
});
