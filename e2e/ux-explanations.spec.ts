// Issue 13 item 2: every status explained in plain words on the General tab (what it means, what to do, the
// technical detail folded), for admin and helpdesk alike, from the real checks of the seeded certificates.
import { test, expect, type Page } from "@playwright/test";
import { apiToken, signIn } from "./helpers";
import { certificateNamed } from "./wizard-helpers";
import { ROLES, VIEWPORTS, waitForFirstCheck } from "./ux-helpers";

const CASES = [
  {
    name: "OWA (CRL only reachable without the proxy)",
    title: "Revocation check failed",
    meaning: /Exchange could not reach the list that says whether this certificate was revoked\. The certificate is probably fine, but this cannot be confirmed\.[\s\S]*proxy http:\/\/127\.0\.0\.1:3999 refused or did not answer/,
    action: /An administrator can add 127\.0\.0\.2 to the proxy bypass list in Settings, or open outbound HTTP to it through the proxy\. This is the usual fix \(KB 979694/,
    detail: /ERR_FETCH_PROXY/,
  },
  {
    name: "Autodiscover (CRL server offline)",
    title: "Revocation check failed",
    meaning: /The certificate is probably fine, but this cannot be confirmed\.[\s\S]*refused the connection/,
    action: /bring the CRL web server back/,
    detail: /ERR_FETCH_REFUSED/,
  },
  { name: "Old mail certificate 2024", title: "Expired or not yet valid", meaning: /The certificate expired on \d{4}-\d{2}-\d{2}/, action: /Renew it/, detail: null },
  { name: "Webmail 2025 (revoked)", title: "Revoked", meaning: /says it must no longer be used/, action: /request a new certificate/, detail: /keyCompromise/ },
  { name: "Partner relay (Fabrikam root)", title: "Not trusted", meaning: /a root certification authority that EDGE1 does not trust/, action: /add the root to Third-Party Root on EDGE1/, detail: null },
  { name: "Contoso public mail 2026", title: "Valid", meaning: /On EXCAS1 the root is only in the Trusted Root store, so Exchange reports RootCAType Registry/, action: /Add the root to Third-Party Root on EXCAS1/, detail: null },
] as const;

async function explanationOf(page: Page, id: string) {
  await page.goto(`/certificates/${id}`);
  const panel = page.getByRole("region", { name: "What this status means" });
  await expect(panel).toBeVisible();
  return panel;
}

test.beforeAll(async ({ request }) => {
  await waitForFirstCheck(request);
});

for (const size of VIEWPORTS) {
  for (const who of ROLES) {
    test.describe(`${who} at ${size.name}`, () => {
      test.use({ viewport: { width: size.width, height: size.height } });

      test("every seeded status is explained in plain words, with the technical detail folded", async ({ page, request }) => {
        const token = await apiToken(request, "admin");
        await signIn(page, who);
        for (const c of CASES) {
          const cert = await certificateNamed(request, token, c.name);
          const panel = await explanationOf(page, cert.id);
          await expect(panel.getByRole("heading")).toHaveText(c.title);
          await expect(panel.getByTestId("explanation-meaning")).toContainText(c.meaning);
          await expect(panel.getByTestId("explanation-action")).toContainText(c.action);
          const details = panel.locator("details");
          if (c.detail) {
            await expect(details).not.toHaveAttribute("open");
            await expect(details.locator("ul")).toBeHidden();
            await details.locator("summary").click();
            await expect(details.locator("ul")).toContainText(c.detail);
          }
        }
      });
    });
  }
}
