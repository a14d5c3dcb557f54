/**
 * A real BIND 9 `named` (Debian package `bind9`) as a child process on 127.0.0.1, authoritative for one zone
 * (default `contoso.test`) that accepts RFC 2136 dynamic updates signed with a TSIG key (hmac-sha256). Runs in
 * the foreground (`-g`) from a temp dir, as the `bind` user when started as root. `nsupdate` (bind9-dnsutils)
 * lets a test play the admin who adds a TXT record by hand.
 */
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, chownSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { canConnect, freePort, spawnManaged, startOnFreePorts } from "./child-process";

const run = promisify(execFile);

export interface Bind9Server {
  /** `127.0.0.1:PORT`, UDP and TCP. */
  address: string;
  port: number;
  zone: string;
  tsig: { name: string; algorithm: "hmac-sha256"; secret: string };
  /** Runs nsupdate with the TSIG key: each line is an `update …` command (e.g. `update add x 60 TXT "v"`). */
  nsupdate(lines: string[]): Promise<void>;
  /** TXT values at `name`, asked of this server directly. */
  txt(name: string): Promise<string[]>;
  stop(): Promise<void>;
}

function bindUser(): { uid: number; gid: number } | null {
  if (userInfo().uid !== 0) return null;
  try {
    const passwd = readFileSync("/etc/passwd", "utf8");
    const line = passwd.split("\n").find((l) => l.startsWith("bind:"));
    if (!line) return null;
    const [, , uid, gid] = line.split(":");
    return { uid: Number(uid), gid: Number(gid) };
  } catch {
    return null;
  }
}

/** Starts named for `zone`; tries three ports. Throws with named's output when it cannot start. */
export async function startBind9(zone = "contoso.test"): Promise<Bind9Server> {
  const dir = mkdtempSync(path.join(tmpdir(), "certconsole-named-"));
  const tsig = { name: "acme-update.", algorithm: "hmac-sha256" as const, secret: randomBytes(32).toString("base64") };
  writeFileSync(
    path.join(dir, `${zone}.zone`),
    [
      "$TTL 60",
      `@ IN SOA ns.${zone}. hostmaster.${zone}. 1 3600 600 86400 60`,
      `@ IN NS ns.${zone}.`,
      "ns IN A 127.0.0.1",
      "mail IN A 127.0.0.1",
      "",
    ].join("\n"),
  );
  const keyFile = path.join(dir, "tsig.key");
  writeFileSync(keyFile, `key "${tsig.name}" { algorithm ${tsig.algorithm}; secret "${tsig.secret}"; };\n`);
  const user = bindUser();
  if (user) {
    chownSync(dir, user.uid, user.gid);
    for (const f of [`${zone}.zone`, "tsig.key"]) chownSync(path.join(dir, f), user.uid, user.gid);
  }
  chmodSync(dir, 0o750);
  const { child: server, ports: port } = await startOnFreePorts(
    "named",
    async () => {
      const port = await freePort();
      const conf = path.join(dir, "named.conf");
      writeFileSync(
        conf,
        [
          `include "${keyFile}";`,
          "options {",
          `  directory "${dir}";`,
          `  pid-file "${path.join(dir, "named.pid")}";`,
          `  session-keyfile "${path.join(dir, "session.key")}";`,
          `  listen-on port ${port} { 127.0.0.1; };`,
          "  listen-on-v6 { none; };",
          "  recursion no;",
          "  dnssec-validation no;",
          "  notify no;",
          "};",
          "controls { };",
          `zone "${zone}" { type primary; file "${zone}.zone"; allow-update { key "${tsig.name}"; }; };`,
          "",
        ].join("\n"),
      );
      if (user) chownSync(conf, user.uid, user.gid);
      const args = ["-g", "-c", conf, "-n", "1", ...(user ? ["-u", "bind"] : [])];
      return { child: spawnManaged("/usr/sbin/named", args), ports: port };
    },
    async (child, port) => (await canConnect(port)) && child.output().includes("running"),
    () => rmSync(dir, { recursive: true, force: true }),
  );
  return {
    address: `127.0.0.1:${port}`,
    port,
    zone,
    tsig,
    async nsupdate(lines) {
      const script = [`server 127.0.0.1 ${port}`, `zone ${zone}`, ...lines, "send", ""].join("\n");
      const scriptFile = path.join(dir, `nsupdate-${randomBytes(4).toString("hex")}.txt`);
      writeFileSync(scriptFile, script);
      await run("nsupdate", ["-k", keyFile, scriptFile], { timeout: 10_000 });
    },
    async txt(name) {
      const { stdout } = await run("dig", ["+short", "-p", String(port), "@127.0.0.1", name, "TXT"], { timeout: 10_000 });
      return stdout.split("\n").filter(Boolean).map((l) => l.replace(/^"|"$/g, ""));
    },
    async stop() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
