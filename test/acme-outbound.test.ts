// ACME's HTTP goes through the console's one outbound path: the proxy and bypass list from Settings, and the address
// guard with the admin's allow-list (a directory whose name resolves to a forbidden address is refused unless
// allow-listed). Real pebble (its DNS-01 answered by a real bind9) and a real forward proxy, all on loopback.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { wizardOrg } from "@/lib/server/certificates/__fixtures__/wizard-org";
import { startBind9, type Bind9Server } from "./harness/bind9";
import { startPebble, type PebbleServer } from "./harness/pebble";
import { closedPortUrl, startForwardProxy, type ForwardProxy } from "./harness/forward-proxy";

let org: Awaited<ReturnType<typeof wizardOrg>>;
let bind: Bind9Server;
let pebble: PebbleServer;
let proxy: ForwardProxy;

beforeAll(async () => {
  org = await wizardOrg();
  bind = await startBind9("contoso.test");
  [pebble, proxy] = await Promise.all([startPebble({ dnsServer: bind.address }), startForwardProxy()]);
});
afterAll(async () => {
  await Promise.all([pebble?.stop(), proxy?.stop()]);
  await bind?.stop();
});

const settings = (data: { urlAllowList?: string; proxyServer?: string; proxyBypass?: string }) => org.db.setting.update({ where: { id: 1 }, data: { useEnvironmentProxy: false, fetchTimeoutMs: 5000, ...data } });
const account = (name: string, directoryUrl = pebble.directoryUrl) => ({ name, directoryUrl, contactEmail: "pki@contoso.com", termsAccepted: true, directoryCaPem: pebble.directoryCaPem });

describe("ACME through the console's outbound guard and proxy", () => {
  test("a directory whose name resolves to a forbidden (loopback) address is refused unless allow-listed; nothing stored", async () => {
    const { createAcmeAccount } = await import("@/lib/server/acme/create-acme-account");
    const byName = pebble.directoryUrl.replace("127.0.0.1", "localhost");
    await settings({ urlAllowList: "", proxyServer: "", proxyBypass: "" });
    const before = await org.db.acmeAccount.count();
    const refused = (await createAcmeAccount(org.admin, account("Blocked by name", byName)).catch((e: unknown) => e)) as Error & { code: string };
    expect(refused).toMatchObject({ code: "ERR_ACME_UNREACHABLE", message: expect.stringContaining("ERR_FETCH_BLOCKED_ADDRESS") });
    expect(refused.message).toContain("allow-list");
    expect(await org.db.acmeAccount.count()).toBe(before);
    await settings({ urlAllowList: "127.0.0.1" });
    expect((await createAcmeAccount(org.admin, account("Allowed by address", byName))).accountUrl).toContain("/my-account/");
  });

  test("with a proxy in Settings the CA is reached through it (CONNECT), unless the bypass list names it; a dead proxy is named in the error", async () => {
    const { createAcmeAccount } = await import("@/lib/server/acme/create-acme-account");
    const target = new URL(pebble.directoryUrl).host;
    await settings({ urlAllowList: "127.0.0.1", proxyServer: proxy.url, proxyBypass: "" });
    await createAcmeAccount(org.admin, account("Through the proxy"));
    expect(proxy.carried.filter((c) => c.method === "CONNECT" && c.target === target).length).toBeGreaterThan(0);

    const carried = proxy.carried.length;
    await settings({ proxyBypass: "127.0.0.1" });
    await createAcmeAccount(org.admin, account("Bypassing the proxy"));
    expect(proxy.carried.length).toBe(carried);

    const dead = await closedPortUrl();
    await settings({ proxyServer: dead, proxyBypass: "" });
    await expect(createAcmeAccount(org.admin, account("Dead proxy"))).rejects.toMatchObject({ code: "ERR_ACME_UNREACHABLE", message: expect.stringContaining(`proxy ${dead}`) });
    await settings({ proxyServer: "", proxyBypass: "" });
  });
});
