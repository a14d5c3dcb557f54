import { beforeAll, describe, expect, test } from "vitest";
import { wizardOrg } from "../certificates/__fixtures__/wizard-org";

let org: Awaited<ReturnType<typeof wizardOrg>>;
beforeAll(async () => {
  org = await wizardOrg();
});

describe("the demo organization shows a renewal impact without a real organization", () => {
  test("renewing the public mail certificate: two pinned connectors, IMAP and POP on EXCAS1, a script that resets them", async () => {
    const { previewRenewalImpact } = await import("./preview-renewal-impact");
    const mail = await org.certificate("Contoso public mail 2026");
    const { impact, script } = await previewRenewalImpact(org.helpdesk, { certificateId: mail.id });
    expect(impact.bindings.map((b) => b.serverName)).toEqual(["EX01", "EXCAS1"]);
    expect(impact.connectors.map((c) => [c.kind, c.stillMatches])).toEqual([
      ["Receive", null],
      ["Send", null],
    ]);
    expect(impact.protocols.map((p) => `${p.serverName} ${p.protocol} ${p.coveredByReplacement}`)).toEqual(["EXCAS1 IMAP true", "EXCAS1 POP true"]);
    expect(impact.notes.join(" ")).toContain("issuer is known only when the CA answers");
    expect(script).toContain(`# Set-SendConnector -Identity "Outbound to Office 365 - 0b5e3c1a-7d2f-4e9b-8a6c-1f4d2e3b5a7c" -TlsCertificateName "<I>ISSUER-OF-THE-NEW-CERTIFICATE<S>${mail.subject}"`);
    expect(script).toContain("Set-ImapSettings -Server EXCAS1 -X509CertificateName mail.contoso.com");
  });

  test("the Auth certificate and the Edge certificate are pinned too", async () => {
    const { previewRenewalImpact } = await import("./preview-renewal-impact");
    const auth = await previewRenewalImpact(org.helpdesk, { certificateId: (await org.certificate("Microsoft Exchange Server Auth Certificate")).id });
    expect(auth.impact.authConfig).toBe("current");
    const edge = await previewRenewalImpact(org.helpdesk, { certificateId: (await org.certificate("Edge SMTP (expiring)")).id });
    expect(edge.impact.edgeSubscriptions.map((e) => e.name)).toEqual(["EDGE1"]);
    expect(edge.script).toContain("Start-EdgeSynchronization");
  });
});
