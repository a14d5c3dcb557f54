/**
 * A real Pebble (Debian package `pebble`, Let's Encrypt's ACME test CA) as a child process on 127.0.0.1, with its
 * own config JSON and an HTTPS certificate made here by the openssl CLI (the package ships no test certificate):
 * `directoryCaPem` is the CA the console must trust for this directory only. DNS-01 is checked against the DNS
 * server given (`-dnsserver`, e.g. the harness's bind9), so a wrong TXT record really fails validation.
 */
import { execFile } from "node:child_process";
import https from "node:https";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { canConnect, freePort, spawnManaged, startOnFreePorts } from "./child-process";

const run = promisify(execFile);

export interface PebbleOptions {
  /** `host:port` of the DNS server Pebble's VA asks (bind9's address). */
  dnsServer: string;
  /** Require External Account Binding; `macKeys` maps key ids to base64url HMAC keys. */
  eabRequired?: boolean;
  macKeys?: Record<string, string>;
}

export interface PebbleServer {
  directoryUrl: string;
  /** The PEM CA certificate of Pebble's HTTPS listener. */
  directoryCaPem: string;
  /** `https://127.0.0.1:MGMT`: /roots/0, /intermediates/0 (the issuing chain, new at every start). */
  managementUrl: string;
  /** The PEM root that signs this run's certificates (from the management interface). */
  rootPem(): Promise<string>;
  output(): string;
  stop(): Promise<void>;
}

async function makeTlsCertificate(dir: string): Promise<{ caPem: string; cert: string; key: string }> {
  const ca = path.join(dir, "ca");
  await run("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", `${ca}.key`, "-out", `${ca}.pem`, "-days", "2", "-subj", "/CN=Pebble harness TLS root"]);
  const leaf = path.join(dir, "leaf");
  writeFileSync(`${leaf}.ext`, "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n");
  await run("openssl", ["req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", `${leaf}.key`, "-out", `${leaf}.csr`, "-subj", "/CN=127.0.0.1"]);
  await run("openssl", ["x509", "-req", "-in", `${leaf}.csr`, "-CA", `${ca}.pem`, "-CAkey", `${ca}.key`, "-CAcreateserial", "-out", `${leaf}.pem`, "-days", "2", "-extfile", `${leaf}.ext`]);
  return { caPem: readFileSync(`${ca}.pem`, "utf8"), cert: `${leaf}.pem`, key: `${leaf}.key` };
}

/** Starts Pebble; tries three port pairs. Throws with Pebble's output when it cannot start. */
export async function startPebble(options: PebbleOptions): Promise<PebbleServer> {
  const dir = mkdtempSync(path.join(tmpdir(), "certconsole-pebble-"));
  const tls = await makeTlsCertificate(dir);
  const {
    child: server,
    ports: { port, mgmt },
  } = await startOnFreePorts(
    "pebble",
    async () => {
      const port = await freePort();
      const mgmt = await freePort();
      const config = path.join(dir, "pebble-config.json");
      writeFileSync(
        config,
        JSON.stringify({
          pebble: {
            listenAddress: `127.0.0.1:${port}`,
            managementListenAddress: `127.0.0.1:${mgmt}`,
            certificate: tls.cert,
            privateKey: tls.key,
            // HTTP-01/TLS-ALPN-01 are not used (the console solves DNS-01 only); ports nothing listens on.
            httpPort: 1,
            tlsPort: 1,
            ocspResponderURL: "",
            externalAccountBindingRequired: Boolean(options.eabRequired),
            externalAccountMACKeys: options.macKeys ?? {},
          },
        }),
      );
      const child = spawnManaged("/usr/bin/pebble", ["-config", config, "-dnsserver", options.dnsServer], {
        env: { ...process.env, PEBBLE_VA_NOSLEEP: "1", PEBBLE_WFE_NONCEREJECT: "0", PEBBLE_AUTHZREUSE: "0" },
      });
      return { child, ports: { port, mgmt } };
    },
    async (_child, { port, mgmt }) => (await canConnect(port)) && (await canConnect(mgmt)),
    () => rmSync(dir, { recursive: true, force: true }),
  );
  return {
    directoryUrl: `https://127.0.0.1:${port}/dir`,
    directoryCaPem: tls.caPem,
    managementUrl: `https://127.0.0.1:${mgmt}`,
    rootPem: () =>
      new Promise<string>((resolve, reject) => {
        https
          .get(`https://127.0.0.1:${mgmt}/roots/0`, { ca: tls.caPem }, (res) => {
            let body = "";
            res.on("data", (d: Buffer) => (body += d.toString()));
            res.on("end", () => resolve(body));
          })
          .on("error", reject);
      }),
    output: () => server.output(),
    async stop() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
