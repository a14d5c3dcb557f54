import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";

/** Debian's PostgreSQL 15 server binaries (package postgresql-15, see scripts/install-test-deps.sh). */
export const POSTGRES_BIN = process.env.CERTCONSOLE_POSTGRES_BIN ?? "/usr/lib/postgresql/15/bin";
/** PostgreSQL refuses to run as root: as root, the cluster runs as this system user. */
export const POSTGRES_OS_USER = "certconsole-pg";

/** A throw-away PostgreSQL cluster: superuser `postgres`, trust authentication, loopback only. */
export type PostgresCluster = {
  port: number;
  dir: string;
  /** `postgresql://postgres@127.0.0.1:<port>/<database>` */
  url(database?: string): string;
  /** Creates an empty database and returns its URL. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
};

const isRoot = () => typeof process.getuid === "function" && process.getuid() === 0;

/** As root, the uid/gid to run the cluster's processes under (Node's spawn drops privileges itself, so signals reach postgres directly). */
function clusterIds(): { uid?: number; gid?: number } {
  if (!isRoot()) return {};
  const id = (flag: string) => Number(spawnSync("id", [flag, POSTGRES_OS_USER], { encoding: "utf8" }).stdout.trim());
  return { uid: id("-u"), gid: id("-g") };
}

function ensureOsUser() {
  if (!isRoot()) return;
  if (spawnSync("id", ["-u", POSTGRES_OS_USER]).status === 0) return;
  const made = spawnSync("useradd", ["--system", "--no-create-home", "--shell", "/usr/sbin/nologin", POSTGRES_OS_USER], { encoding: "utf8" });
  if (made.status !== 0) throw new Error(`Cannot create the ${POSTGRES_OS_USER} user: ${made.stderr}`);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilAccepting(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`postgres exited (${child.exitCode}):\n${log()}`);
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return;
    } catch {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) throw new Error(`postgres did not accept connections within 30 s:\n${log()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/**
 * Starts a real PostgreSQL 15 in a temporary directory (initdb, then postgres on a free loopback port with its unix
 * socket in the same directory). As root it runs as {@link POSTGRES_OS_USER}. Durability is off: it is a test cluster.
 */
export async function startPostgres(): Promise<PostgresCluster> {
  if (!fs.existsSync(path.join(POSTGRES_BIN, "postgres"))) {
    throw new Error(`PostgreSQL 15 is not installed (${POSTGRES_BIN}/postgres): run scripts/install-test-deps.sh.`);
  }
  ensureOsUser();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "certconsole-pg-"));
  if (isRoot()) spawnSync("chown", [POSTGRES_OS_USER, dir]);
  const data = path.join(dir, "data");
  const ids = clusterIds();
  const init = spawnSync(path.join(POSTGRES_BIN, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"], { encoding: "utf8", cwd: dir, ...ids });
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.stdout}`);

  const port = await freePort();
  const settings = ["-c", "listen_addresses=127.0.0.1", "-c", `unix_socket_directories=${dir}`, "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=200"];
  const child = spawn(path.join(POSTGRES_BIN, "postgres"), ["-D", data, "-p", String(port), ...settings], { stdio: ["ignore", "pipe", "pipe"], cwd: dir, ...ids });
  let output = "";
  child.stdout?.on("data", (d) => (output = (output + d).slice(-4000)));
  child.stderr?.on("data", (d) => (output = (output + d).slice(-4000)));
  const url = (database = "postgres") => `postgresql://postgres@127.0.0.1:${port}/${database}`;
  await waitUntilAccepting(url(), child, () => output);

  return {
    port,
    dir,
    url,
    async createDatabase(name) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Bad database name ${name}`);
      const client = new pg.Client({ connectionString: url() });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return url(name);
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGINT"); // fast shutdown: disconnects clients
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
        if (child.exitCode === null) child.kill("SIGKILL");
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
