// Live endpoint checks end to end: a real TLS server started here presents the seeded "Old mail certificate 2024"
// (exported through the API) as EXCAS1's IIS endpoint, whose bound certificate is "Contoso public mail 2026" — the
// console flags "wrong certificate in use" and raises the alert once. Partners: a real SMTP server without STARTTLS
// (NoTls) and a TLS server presenting an expired certificate (DateInvalid), each with the report to send the partner.
import https from "node:https";
import type { AddressInfo } from "node:net";
import { test, expect, type APIRequestContext } from "@playwright/test";
import { SMTPServer } from "smtp-server";
import { apiToken, shot, signIn } from "./helpers";

const PFX_PASSWORD = "e2e-endpoint-Passw0rd";

async function certificateByName(request: APIRequestContext, auth: Record<string, string>, name: string) {
  const res = await request.get(`/api/v1/certificates?pageSize=200&q=${encodeURIComponent(name)}`, {
    headers: auth,
  });
  const found = (
    (await res.json()) as { items: { id: string; friendlyName: string; thumbprint: string }[] }
  ).items.find((c) => c.friendlyName === name);
  expect(found, `seeded certificate ${name}`).toBeTruthy();
  return found!;
}

/** Ensures 127.0.0.1 is on the settings' URL allow-list (the SSRF guard refuses loopback otherwise); returns a restore function. */
async function allowLoopback(request: APIRequestContext, auth: Record<string, string>) {
  const before = (await (await request.get("/api/v1/settings", { headers: auth })).json()) as Record<
    string,
    unknown
  >;
  const settings = { ...before };
  for (const k of ["id", "updatedAt"]) delete settings[k];
  const list = String(settings.urlAllowList ?? "");
  if (!list.split(/[;\s]+/).includes("127.0.0.1")) {
    const put = await request.put("/api/v1/settings", {
      headers: auth,
      data: { ...settings, urlAllowList: list ? `${list};127.0.0.1` : "127.0.0.1" },
    });
    expect(put.status()).toBe(200);
  }
  return async () => {
    await request.put("/api/v1/settings", { headers: auth, data: settings });
  };
}

async function listen(
  server: { listen: (port: number, host: string, cb: () => void) => unknown },
  address: () => AddressInfo,
): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  return address().port;
}

let tlsServer: https.Server;
let tlsPort = 0;
let smtp: SMTPServer;
let smtpPort = 0;
let old: { id: string; thumbprint: string };
let bound: { id: string; thumbprint: string };

test.beforeAll(async ({ request }) => {
  const auth = { authorization: `Bearer ${await apiToken(request, "admin")}` };
  old = await certificateByName(request, auth, "Old mail certificate 2024");
  bound = await certificateByName(request, auth, "Contoso public mail 2026");
  const exported = await request.post(`/api/v1/certificates/${old.id}/export`, {
    headers: auth,
    data: { password: PFX_PASSWORD, encryption: "aes256", includeChain: true },
  });
  expect(exported.status()).toBe(200);
  const pfx = Buffer.from(await exported.body());
  tlsServer = https.createServer({ pfx, passphrase: PFX_PASSWORD }, (_req, res) => res.end("ok\n"));
  tlsServer.on("tlsClientError", () => undefined);
  tlsPort = await listen(tlsServer, () => tlsServer.address() as AddressInfo);
  smtp = new SMTPServer({
    hideSTARTTLS: true,
    disabledCommands: ["AUTH"],
    authOptional: true,
    logger: false,
    banner: "partner relay without TLS",
    onData(stream, _session, callback) {
      stream.resume();
      stream.on("end", () => callback());
    },
  });
  smtp.on("error", () => undefined);
  smtpPort = await listen(smtp, () => smtp.server.address() as AddressInfo);
});

test.afterAll(async () => {
  await new Promise<void>((resolve) => (tlsServer ? tlsServer.close(() => resolve()) : resolve()));
  tlsServer?.closeAllConnections();
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
});

test("an endpoint still presenting the old certificate after renewal is flagged, with one alert", async ({
  page,
  request,
}) => {
  const auth = { authorization: `Bearer ${await apiToken(request, "admin")}` };
  const restore = await allowLoopback(request, auth);
  let endpointId: string | undefined;
  try {
    await signIn(page, "admin");
    await page.goto("/endpoints");
    await expect(page.getByRole("table", { name: "Endpoints" })).toContainText("mail.contoso.com:443");
    const form = page.getByRole("form", { name: "Add endpoint" });
    await form.getByLabel("Server").selectOption({ label: "EXCAS1" });
    await form.getByLabel("Service").selectOption("IIS");
    await form.getByLabel("Host").fill("127.0.0.1");
    await form.getByLabel("Port").fill(String(tlsPort));
    await form.getByLabel("TLS").selectOption({ label: "direct TLS" });
    await form.getByRole("button", { name: "Add endpoint" }).click();
    const row = page.getByTestId(`endpoint-127.0.0.1-${tlsPort}`);
    await expect(row).toBeVisible();
    await expect(row).toContainText("Contoso public mail 2026");
    await expect(row).toContainText("not probed");

    await page.getByRole("button", { name: `Probe EXCAS1 IIS 127.0.0.1:${tlsPort}` }).click();
    await expect(row).toContainText("Wrong certificate in use");
    await expect(row).toContainText(old.thumbprint);
    await expect(row).toContainText("Old mail certificate 2024");
    const flag = page.getByRole("alert").filter({ hasText: "Wrong certificate in use" });
    await expect(flag).toContainText(
      "Renewed but the old certificate is still in use — re-run the service assignment (Enable-ExchangeCertificate) / restart the service",
    );
    await expect(flag).toContainText(
      `known to the console as "Old mail certificate 2024", DateInvalid, expired`,
    );
    await expect(flag).toContainText(
      `Enable-ExchangeCertificate -Server EXCAS1 -Thumbprint ${bound.thumbprint} -Services IIS, then iisreset`,
    );
    await expect(flag.getByTestId("wrong-cert-alert")).toContainText("Alert WrongCertificateInUse raised");
    await page.getByRole("button", { name: `Details of EXCAS1 IIS 127.0.0.1:${tlsPort}` }).click();
    const details = page.getByRole("region", { name: `Probe report of EXCAS1 IIS 127.0.0.1:${tlsPort}` });
    await expect(details).toContainText(/TLSv1\.[23]/);
    await expect(details.getByRole("list", { name: "Problems" })).toContainText("ERR_EXPIRED");
    await shot(page, "endpoints-01-wrong-certificate-in-use");

    // The alert exists once: probing again through the API does not raise it a second time.
    const items = (
      (await (await request.get("/api/v1/endpoints", { headers: auth })).json()) as {
        items: {
          id: string;
          host: string;
          port: number;
          alerts: { key: string; message: string }[];
          wrongCertificate: boolean;
        }[];
      }
    ).items;
    const mine = items.find((e) => e.host === "127.0.0.1" && e.port === tlsPort)!;
    endpointId = mine.id;
    expect(mine.wrongCertificate).toBe(true);
    expect(mine.alerts.map((a) => a.key)).toEqual([`wrong-cert:${mine.id}:${old.thumbprint}`]);
    expect(mine.alerts[0]!.message).toContain(bound.thumbprint);
    const again = await request.post(`/api/v1/endpoints/${mine.id}/probe`, { headers: auth });
    expect(again.status()).toBe(200);
    expect(await again.json()).toMatchObject({
      status: expect.any(String),
      alertCreated: false,
      report: { wrongCertificate: { presented: { thumbprint: old.thumbprint } } },
    });
    const one = (await (await request.get(`/api/v1/endpoints/${mine.id}`, { headers: auth })).json()) as {
      alerts: unknown[];
    };
    expect(one.alerts).toHaveLength(1);

    // Probe all shows progress and ends with every endpoint probed (the seeded ones fail to connect offline, with a reason).
    await page.getByRole("button", { name: "Probe all" }).click();
    await expect(page.getByRole("status").filter({ hasText: /Probed \d+ endpoints\./ })).toBeVisible({
      timeout: 45_000,
    });
    await expect(page.getByTestId("endpoint-mail.contoso.com-443")).toContainText(
      /ConnectionFailed|Valid|Untrusted|Invalid|DateInvalid|RevocationCheckFailure/,
    );
    await shot(page, "endpoints-02-probe-all");

    page.once("dialog", (d) => void d.accept());
    await page.getByRole("button", { name: `Remove EXCAS1 IIS 127.0.0.1:${tlsPort}` }).click();
    await expect(row).toHaveCount(0);
    endpointId = undefined;
  } finally {
    if (endpointId) await request.delete(`/api/v1/endpoints/${endpointId}`, { headers: auth });
    await restore();
  }
});

test("partner reports: no STARTTLS offered, and an expired certificate, with the summary to send", async ({
  page,
  request,
}) => {
  const auth = { authorization: `Bearer ${await apiToken(request, "admin")}` };
  const restore = await allowLoopback(request, auth);
  try {
    await signIn(page, "admin");
    await page.goto("/partners");
    await expect(page.getByRole("table", { name: "Partner hosts" })).toContainText("mx.fabrikam.com:25");
    const form = page.getByRole("form", { name: "Add partner host" });
    for (const [domain, port, tls] of [
      ["nostarttls.example", smtpPort, "STARTTLS SMTP"],
      ["expired.example", tlsPort, "direct TLS"],
    ] as const) {
      await form.getByLabel("Partner domain").fill(domain);
      await form.getByLabel("Mail host").fill("127.0.0.1");
      await form.getByLabel("Port").fill(String(port));
      await form.getByLabel("TLS").selectOption({ label: tls });
      await form.getByRole("button", { name: "Add partner host" }).click();
      await expect(page.getByTestId(`partner-127.0.0.1-${port}`)).toBeVisible();
    }

    await page.getByRole("button", { name: `Probe 127.0.0.1:${smtpPort}` }).click();
    const noTls = page.getByRole("region", { name: `Probe report of 127.0.0.1:${smtpPort}` });
    await expect(noTls).toContainText("NoTls");
    await expect(noTls.getByRole("textbox", { name: /Summary to send/ })).toHaveValue(
      /does not offer TLS: .*domain-secured \(TLS required\) connector will not deliver/,
    );
    await shot(page, "partners-01-no-starttls");

    await page.getByRole("button", { name: `Probe 127.0.0.1:${tlsPort}` }).click();
    const expired = page.getByRole("region", { name: `Probe report of 127.0.0.1:${tlsPort}` });
    // Probed by IP address, so the name does not match either: Invalid outranks DateInvalid, and both problems are listed.
    await expect(expired).toContainText("Status Invalid");
    await expect(expired.getByRole("list", { name: "Chain" })).toContainText(old.thumbprint);
    await expect(expired.getByRole("list", { name: "Problems" })).toContainText("ERR_EXPIRED");
    await expect(expired.getByRole("list", { name: "Problems" })).toContainText(
      "is not valid for the name 127.0.0.1",
    );
    await expect(expired).toContainText(/Cipher TLS_/);
    await expect(expired.getByRole("textbox", { name: /Summary to send/ })).toHaveValue(
      new RegExp(
        `presented CN=oldmail\\.contoso\\.com(?:, O=Contoso, C=US)?.*which expired on \\d{4}-\\d\\d-\\d\\d \\(thumbprint ${old.thumbprint}\\)`,
      ),
    );
    await shot(page, "partners-02-expired");

    // Helpdesk: reads and probes, cannot add or remove.
    await page.context().clearCookies();
    await signIn(page, "helpdesk");
    await page.goto("/partners");
    await expect(page.getByTestId(`partner-127.0.0.1-${smtpPort}`)).toContainText("NoTls");
    await expect(page.getByRole("form", { name: "Add partner host" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^Remove/ })).toHaveCount(0);
    await expect(page.getByRole("button", { name: `Probe 127.0.0.1:${smtpPort}` })).toBeEnabled();
    const refused = await request.post("/api/v1/partners", {
      headers: { authorization: `Bearer ${await apiToken(request, "helpdesk")}` },
      data: { domain: "x.example", host: "mx.x.example" },
    });
    expect(refused.status()).toBe(403);
    await shot(page, "partners-03-helpdesk");
  } finally {
    const items = (
      (await (await request.get("/api/v1/partners", { headers: auth })).json()) as {
        items: { id: string; host: string }[];
      }
    ).items;
    for (const p of items.filter((p) => p.host === "127.0.0.1"))
      await request.delete(`/api/v1/partners/${p.id}`, { headers: auth });
    await restore();
  }
});
