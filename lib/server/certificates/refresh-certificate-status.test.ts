// The console's Exchange status for hostile chains: a leaf imported with a root that constrains its names gets the
// status lib/pki's RFC 5280 validation gives (Invalid, with the rule and its section in the reason), and its
// conforming twin is Valid.
import { beforeAll, describe, expect, test } from "vitest";
import { createRevocationChecker } from "@/lib/pki/revocation/checker";
import { crl, gn, leaf, nameConstraints, root } from "@/test/harness/hostile-pki";
import { wizardOrg } from "./__fixtures__/wizard-org";

let org: Awaited<ReturnType<typeof wizardOrg>>;
beforeAll(async () => {
  org = await wizardOrg();
});

describe("refreshCertificateStatus for chains under a name-constrained root", () => {
  test.each([
    ["root excludes the leaf's name", "mail.contoso.com", "Invalid", /violates name constraints: dNSName mail\.contoso\.com is in an excluded subtree .*\(RFC 5280 §4\.2\.1\.10\)/],
    ["root excludes another name", "secret.contoso.com", "Valid", /the chain is valid and no certificate in it is revoked/],
  ] as const)("%s → %s", async (_label, excluded, status, reason) => {
    const { importCertificate, inspectImport } = await import("./import-certificate");
    const { refreshCertificateStatus } = await import("./refresh-certificate-status");
    const r = await root(`CN=Constrained Root ${excluded}`, [nameConstraints([], [gn.dns(excluded)])]);
    const l = await leaf(r);
    const bytes = new TextEncoder().encode(`${l.certificate.toString("pem")}\n${r.certificate.toString("pem")}\n`);
    const preview = await inspectImport(org.admin, { bytes });
    const anchor = preview.chain.find((c) => c.subject.includes("Constrained Root"))!;
    const imported = await importCertificate(org.admin, { bytes }, { serverIds: [(await org.server("EX01")).id], trustStores: [{ thumbprint: anchor.thumbprint, store: "TrustedRoot" }] });
    const revocation = createRevocationChecker({ crls: [new TextEncoder().encode(await crl(r, []))], offline: true });
    const refreshed = await refreshCertificateStatus(imported.id, new Date("2026-06-01T00:00:00Z"), revocation);
    expect(refreshed.status).toBe(status);
    expect(refreshed.reason).toMatch(reason);
    expect((await org.db.certificate.findUniqueOrThrow({ where: { id: imported.id } })).status).toBe(status);
  });
});
