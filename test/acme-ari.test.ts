// The ARI client against recorded RFC 9773 responses served by a local HTTP server: Debian's pebble 2.4.0 offers no
// renewalInfo in its directory, so the renewal-window path is tested here with the RFC's own example answers.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { useTestDatabase } from "./test-database";

// RFC 9773 §4.2's example response body.
const RECORDED = { suggestedWindow: { start: "2025-01-02T04:00:00Z", end: "2025-01-03T04:00:00Z" }, explanationURL: "https://acme.example.com/docs/ari" };

let server: http.Server;
let base = "";
const requests: string[] = [];
let account: { directoryUrl: string; directoryCaPem: string; accountKeySealed: Uint8Array; accountUrl: string; eabKeyId: string; eabHmacKeySealed: null };
let leafDer: Uint8Array;

beforeAll(async () => {
  const dir = await useTestDatabase();
  const { db } = await import("@/lib/server/db");
  await db.setting.create({ data: { id: 1, urlAllowList: "127.0.0.1" } });
  const acme = await import("acme-client");
  const { sealPrivateKey } = await import("@/lib/server/security/key-vault");
  const { loadMasterKey } = await import("@/lib/server/security/master-key");
  server = http.createServer((req, res) => {
    requests.push(req.url ?? "");
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify(body));
    };
    if (req.url === "/with-ari/directory") return json(200, { newNonce: `${base}/nonce`, renewalInfo: `${base}/renewal-info` });
    if (req.url === "/without-ari/directory") return json(200, { newNonce: `${base}/nonce` });
    if (req.url === "/malformed/directory") return json(200, { renewalInfo: `${base}/broken-info` });
    if (req.url?.startsWith("/renewal-info/")) return json(200, RECORDED, { "retry-after": "21600" });
    if (req.url?.startsWith("/broken-info/")) return json(200, { suggestedWindow: { start: "2025-01-03T04:00:00Z", end: "2025-01-02T04:00:00Z" } });
    json(404, {});
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  account = { directoryUrl: "", directoryCaPem: "", accountKeySealed: new Uint8Array(sealPrivateKey(await acme.crypto.createPrivateEcdsaKey(), loadMasterKey())), accountUrl: "", eabKeyId: "", eabHmacKeySealed: null };
  const openssl = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-subj", "/CN=ARI CA", "-days", "30", "-addext", "subjectKeyIdentifier=69:88:5B:6B:87:46:40:41:E1:B3:7B:84:7B:A0:AE:2C:DE:01:C8:D4");
  openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "leaf.key", "-out", "leaf.csr", "-subj", "/CN=mail.contoso.com");
  fs.writeFileSync(path.join(dir, "ext"), "authorityKeyIdentifier=keyid\n");
  openssl("x509", "-req", "-in", "leaf.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-set_serial", "0x87654321", "-days", "10", "-extfile", "ext", "-outform", "DER", "-out", "leaf.der");
  leafDer = new Uint8Array(fs.readFileSync(path.join(dir, "leaf.der")));
});
afterAll(async () => {
  await new Promise<void>((resolve) => server?.close(() => resolve()));
});

describe("fetchRenewalInfo (RFC 9773) against recorded responses", () => {
  test("a directory with renewalInfo: the window is read from <renewalInfo>/<certID>, with Retry-After", async () => {
    const { fetchRenewalInfo } = await import("@/lib/server/acme/fetch-renewal-info");
    const result = await fetchRenewalInfo({ ...account, directoryUrl: `${base}/with-ari/directory` }, leafDer);
    expect(requests).toContain("/renewal-info/aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE");
    expect(result).toEqual({ info: { suggestedWindow: { start: new Date("2025-01-02T04:00:00Z"), end: new Date("2025-01-03T04:00:00Z") }, explanationUrl: "https://acme.example.com/docs/ari" }, retryAfterSeconds: 21600 });
  });

  test.each([
    ["without-ari", "no renewalInfo"],
    ["malformed", "no valid suggested window"],
  ])("a directory %s falls back (info null: %s)", async (dirName, note) => {
    const { fetchRenewalInfo } = await import("@/lib/server/acme/fetch-renewal-info");
    const result = await fetchRenewalInfo({ ...account, directoryUrl: `${base}/${dirName}/directory` }, leafDer);
    expect(result).toMatchObject({ info: null, note: expect.stringContaining(note) });
  });

  test("the outbound guard applies: a loopback CA not on the allow-list is not asked", async () => {
    const { fetchRenewalInfo } = await import("@/lib/server/acme/fetch-renewal-info");
    const { db } = await import("@/lib/server/db");
    await db.setting.update({ where: { id: 1 }, data: { urlAllowList: "" } });
    const before = requests.length;
    try {
      const result = await fetchRenewalInfo({ ...account, directoryUrl: `${base}/with-ari/directory` }, leafDer);
      expect(result).toMatchObject({ info: null, note: expect.stringContaining("loopback") });
      expect(requests.length).toBe(before);
    } finally {
      await db.setting.update({ where: { id: 1 }, data: { urlAllowList: "127.0.0.1" } });
    }
  });
});
