// Helpers of the wizard end-to-end tests: an openssl CA in a temp directory (to answer requests and make PFX
// files), the REST API as the source of truth for "nothing changed", and file checks with the openssl CLI.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, type APIRequestContext, type Download } from "@playwright/test";

export function opensslLab() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "certconsole-e2e-wizards-"));
  const openssl = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: ["pipe", "pipe", "pipe"] }).toString();
  openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-subj", "/CN=E2E Wizard CA/O=Fabrikam Test", "-days", "3650", "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
  /** stdout and stderr together (openssl pkcs12 -info prints the algorithms on stderr). */
  const opensslAll = (...args: string[]) => {
    const r = spawnSync("openssl", args, { cwd: dir, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`openssl ${args.join(" ")} failed: ${r.stderr}`);
    return `${r.stdout}${r.stderr}`;
  };
  let serial = 100;
  const file = (name: string) => path.join(dir, name);
  return {
    dir,
    file,
    openssl,
    opensslAll,
    /** Signs the request at `csrPath` with the lab CA; returns the path of the PEM answer. */
    sign(csrPath: string, name: string) {
      serial += 1;
      openssl("x509", "-req", "-in", csrPath, "-CA", "ca.pem", "-CAkey", "ca.key", "-set_serial", String(serial), "-days", "365", "-copy_extensions", "copy", "-out", `${name}.cer`);
      return file(`${name}.cer`);
    },
    /** A key, a certificate from the lab CA and a PFX (with the CA) protected by `password`. */
    pfx(name: string, password: string) {
      serial += 1;
      openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", `${name}.key`, "-out", `${name}.csr`, "-subj", `/CN=${name}.contoso.com/O=Contoso`, "-addext", `subjectAltName=DNS:${name}.contoso.com`);
      openssl("x509", "-req", "-in", `${name}.csr`, "-CA", "ca.pem", "-CAkey", "ca.key", "-set_serial", String(serial), "-days", "365", "-copy_extensions", "copy", "-out", `${name}.cer`);
      openssl("pkcs12", "-export", "-inkey", `${name}.key`, "-in", `${name}.cer`, "-certfile", "ca.pem", "-passout", `pass:${password}`, "-out", `${name}.pfx`);
      return { pfx: file(`${name}.pfx`), cer: file(`${name}.cer`), csr: file(`${name}.csr`) };
    },
  };
}

/** Saves a download into `dir` and returns its path. */
export async function saveDownload(download: Download, dir: string) {
  const target = path.join(dir, download.suggestedFilename());
  await download.saveAs(target);
  return target;
}

export const auth = (token: string) => ({ authorization: `Bearer ${token}` });

/** A certificate from the list API by friendly name (exact). */
export async function certificateNamed(request: APIRequestContext, token: string, name: string) {
  const res = await request.get(`/api/v1/certificates?pageSize=200&q=${encodeURIComponent(name)}`, { headers: auth(token) });
  const items = ((await res.json()) as { items: { id: string; friendlyName: string; status: string; thumbprint: string }[] }).items;
  const found = items.find((c) => c.friendlyName === name);
  expect(found, `certificate ${name}`).toBeTruthy();
  return found!;
}

/** The certificate with its installations and bindings, from the API. */
export async function certificateDetail(request: APIRequestContext, token: string, id: string) {
  const res = await request.get(`/api/v1/certificates/${id}`, { headers: auth(token) });
  expect(res.status()).toBe(200);
  return (await res.json()) as { id: string; status: string; thumbprint: string; installations: { server: { name: string } }[]; bindings: { service: string; server: { name: string }; acknowledgedStatus: string | null }[] };
}

/** The requests from the API. */
export async function requestsList(request: APIRequestContext, token: string) {
  const res = await request.get("/api/v1/certificate-requests", { headers: auth(token) });
  return ((await res.json()) as { requests: { id: string; friendlyName: string; status: string }[] }).requests;
}

/** Total certificates known to the console (list API). */
export async function certificateTotal(request: APIRequestContext, token: string) {
  const res = await request.get("/api/v1/certificates?pageSize=10", { headers: auth(token) });
  return ((await res.json()) as { total: number }).total;
}

/** Audit events with an action, newest first. */
export async function auditEvents(request: APIRequestContext, token: string, action: string) {
  const res = await request.get(`/api/v1/audit-events?action=${encodeURIComponent(action)}`, { headers: auth(token) });
  return ((await res.json()) as { items: { action: string; outcome: string; targetId: string; details: Record<string, unknown>; actorName: string }[] }).items;
}
