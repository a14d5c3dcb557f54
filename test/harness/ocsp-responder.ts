/**
 * A real OCSP responder: `openssl ocsp -index index.txt -port 0 -rsigner … -rkey … -CA …` as a child
 * process. Started with port 0, it prints "ACCEPT [::]:PORT" once it listens; we wait for that line. Do not
 * probe it with a bare connect-and-close: openssl 3.0's single-threaded responder then stops answering
 * (`-timeout 5` bounds how long one silent client can block it). OpenSSL re-reads the index when it changes, so the responder may be started before
 * the leaves whose OCSP URL must name its port are issued.
 */
import http from "node:http";
import { spawnManaged, waitFor } from "./child-process";

export interface OcspResponder {
  /** `http://127.0.0.1:PORT` — the URL to put in certificates' AIA OCSP field. */
  url: string;
  port: number;
  /**
   * Makes the responder pick up index changes. `openssl ocsp` checks the index file (by mtime, in whole
   * seconds) only before it waits for the next request, so the first request after a change would still be
   * answered from the old index; this sends one throwaway request and waits for its answer.
   */
  refresh(): Promise<void>;
  stop(): Promise<void>;
}

/** Options: the index in `openssl ca` format, the CA whose certificates it answers for, and the signer. */
export interface OcspResponderOptions {
  index: string;
  caCert: string;
  signerCert: string;
  signerKey: string;
  /** Fixed port; default 0 (ephemeral). */
  port?: number;
  /** Validity of answers (`-nmin`), default 60 minutes. */
  validityMinutes?: number;
}

/** Starts the responder and resolves when it accepts connections. */
export async function startOcspResponder(options: OcspResponderOptions): Promise<OcspResponder> {
  const args = ["ocsp", "-index", options.index, "-port", String(options.port ?? 0), "-rsigner", options.signerCert, "-rkey", options.signerKey, "-CA", options.caCert, "-nmin", String(options.validityMinutes ?? 60), "-ignore_err", "-timeout", "5"];
  const managed = spawnManaged("openssl", args);
  try {
    const port = await waitFor(
      () => {
        if (managed.child.exitCode !== null) throw new Error(`openssl ocsp exited: ${managed.output()}`);
        const m = /ACCEPT \S*:(\d+)/.exec(managed.output());
        return m ? Number(m[1]) : undefined;
      },
      10_000,
      () => `openssl ocsp to listen (output so far: ${managed.output()})`,
    );
    const url = `http://127.0.0.1:${port}`;
    const refresh = async () => {
      await new Promise<void>((resolve) => {
        const req = http.request(url, { method: "POST", headers: { "content-type": "application/ocsp-request" }, timeout: 5_000 }, (res) => {
          res.resume();
          res.on("end", () => resolve());
        });
        req.on("error", () => resolve());
        req.on("timeout", () => req.destroy());
        req.end(Buffer.from([0x30, 0x00]));
      });
    };
    return { url, port, refresh, stop: managed.stop };
  } catch (error) {
    await managed.stop();
    throw error;
  }
}
