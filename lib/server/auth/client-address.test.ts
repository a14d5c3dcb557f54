// Regression (issue 12, finding 6): X-Forwarded-For was believed from anyone, so an attacker chose the address
// their failures were counted (and audited) under. It counts now only from CERTCONSOLE_TRUSTED_PROXIES.
import http from "node:http";
import { afterAll, describe, expect, test } from "vitest";
import { clientAddressFrom } from "./client-address";
import { installPeerAddressHeader, PEER_ADDRESS_HEADER } from "../http/peer-address";

const at = (peer: string | null, xff?: string) => {
  const headers = new Headers();
  if (peer !== null) headers.set(PEER_ADDRESS_HEADER, peer);
  if (xff) headers.set("x-forwarded-for", xff);
  return headers;
};

describe("client address", () => {
  test.each([
    ["no trusted proxy: X-Forwarded-For is ignored", "203.0.113.9", "10.9.9.9", "", "203.0.113.9"],
    ["an untrusted peer's X-Forwarded-For is ignored", "203.0.113.9", "10.9.9.9", "10.0.0.5", "203.0.113.9"],
    ["a trusted proxy's X-Forwarded-For names the client", "10.0.0.5", "198.51.100.4", "10.0.0.5", "198.51.100.4"],
    ["a trusted CIDR", "10.1.2.3", "198.51.100.4", "10.0.0.0/8", "198.51.100.4"],
    ["the right-most untrusted hop wins over a forged left-most one", "10.0.0.5", "1.2.3.4, 198.51.100.4", "10.0.0.5", "198.51.100.4"],
    ["chains of trusted proxies are skipped", "10.0.0.5", "198.51.100.4, 10.0.0.6", "10.0.0.0/24", "198.51.100.4"],
    ["an IPv4-mapped peer is shown as IPv4", "::ffff:127.0.0.1", "", "", "127.0.0.1"],
    ["an IPv6 trusted proxy", "fd00::1", "2001:db8::7", "fd00::/8", "2001:db8::7"],
  ])("%s", (_name, peer, xff, trusted, expected) => {
    expect(clientAddressFrom(at(peer, xff), { CERTCONSOLE_TRUSTED_PROXIES: trusted })).toBe(expected);
  });

  test("without a stamped peer, a client-supplied X-Forwarded-For is still not believed", () => {
    expect(clientAddressFrom(at(null, "10.9.9.9"), { CERTCONSOLE_TRUSTED_PROXIES: "10.0.0.0/8" })).toBe("unknown");
  });
});

describe("the server stamps the TCP peer on every request", () => {
  let server: http.Server | undefined;
  afterAll(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  test("a forged peer header or X-Forwarded-For from a client does not survive", async () => {
    installPeerAddressHeader();
    installPeerAddressHeader(); // idempotent
    server = http.createServer((req, res) => {
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
      res.end(JSON.stringify({ peer: req.headers[PEER_ADDRESS_HEADER], client: clientAddressFrom(headers, {}) }));
    });
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    const answer = await fetch(`http://127.0.0.1:${port}/`, { headers: { [PEER_ADDRESS_HEADER]: "10.6.6.6", "x-forwarded-for": "10.7.7.7" } });
    expect(await answer.json()).toEqual({ peer: "127.0.0.1", client: "127.0.0.1" });
  });
});
