/**
 * Child processes for the harness (openssl ocsp, slapd): spawned in their own process group so that
 * `stop()` can kill the group, waited for on exit, and killed at process exit as a last resort, so a test
 * run leaves no orphans.
 */
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/** A running child with its captured stderr/stdout text. */
export interface ManagedChild {
  child: ChildProcess;
  output(): string;
  /** Kills the process group (TERM, then KILL after 2 s) and resolves once the child has exited. */
  stop(): Promise<void>;
}

/** Spawns `command` detached (own process group), capturing its output. */
export function spawnManaged(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): ManagedChild {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once("exit", () => {
      for (const child of live) killGroup(child, "SIGKILL");
    });
  }
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  live.add(child);
  let text = "";
  child.stdout?.on("data", (d: Buffer) => (text += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (text += d.toString()));
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.once("error", () => resolve());
  });
  exited.then(() => live.delete(child)).catch(() => undefined);
  return {
    child,
    output: () => text,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      killGroup(child, "SIGTERM");
      const timer = setTimeout(() => killGroup(child, "SIGKILL"), 2_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Waits until `test()` returns a value, polling every 50 ms, or throws after `timeoutMs` with `what`. */
export async function waitFor<T>(test: () => T | undefined | Promise<T | undefined>, timeoutMs: number, what: () => string): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await test();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Starts a server on fresh ports, three tries at most (another process may take a free port first): `launch` picks
 * its ports, writes its configuration and spawns; `ready` says when it serves. Throws the last failure, with the
 * server's output, after `onGiveUp` has cleaned up.
 */
export async function startOnFreePorts<P>(
  name: string,
  launch: () => Promise<{ child: ManagedChild; ports: P }>,
  ready: (child: ManagedChild, ports: P) => Promise<boolean>,
  onGiveUp: () => void,
): Promise<{ child: ManagedChild; ports: P }> {
  for (let attempt = 0; ; attempt++) {
    const { child, ports } = await launch();
    try {
      await waitFor(
        async () => {
          if (child.child.exitCode !== null) throw new Error(`${name} exited: ${child.output()}`);
          return (await ready(child, ports)) ? true : undefined;
        },
        15_000,
        () => `${name} on ${JSON.stringify(ports)}: ${child.output()}`,
      );
      return { child, ports };
    } catch (error) {
      await child.stop();
      if (attempt === 2) {
        onGiveUp();
        throw error;
      }
    }
  }
}

/** True when something accepts TCP connections on 127.0.0.1:port. */
export function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** A free TCP port on 127.0.0.1 (bound and released). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * Starts `slapd -f conf` on a free loopback port and waits until it accepts connections; tries three ports
 * (another process may grab the one picked). Throws with slapd's output when it cannot start.
 */
export async function spawnSlapd(conf: string): Promise<{ managed: ManagedChild; port: number }> {
  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    const candidate = spawnManaged("slapd", ["-f", conf, "-h", `ldap://127.0.0.1:${port}/`, "-d", "0"]);
    try {
      await waitFor(
        async () => {
          if (candidate.child.exitCode !== null) throw new Error(`slapd exited: ${candidate.output()}`);
          return (await canConnect(port)) ? true : undefined;
        },
        10_000,
        () => `slapd on port ${port}`,
      );
      return { managed: candidate, port };
    } catch (error) {
      await candidate.stop();
      if (attempt === 2) throw error;
    }
  }
}
