/**
 * A real OCSP responder: `openssl ocsp -index index.txt -port 0 -rsigner … -rkey … -CA …` as a child
 * process. Started with port 0, it prints "ACCEPT [::]:PORT"; we wait for that line and for the port to
 * accept connections. OpenSSL re-reads the index when it changes, so the responder may be started before
 * the leaves whose OCSP URL must name its port are issued.
 */
import { canConnect, spawnManaged, waitFor } from "./child-process";

export interface OcspResponder {
  /** `http://127.0.0.1:PORT` — the URL to put in certificates' AIA OCSP field. */
  url: string;
  port: number;
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
  const args = ["ocsp", "-index", options.index, "-port", String(options.port ?? 0), "-rsigner", options.signerCert, "-rkey", options.signerKey, "-CA", options.caCert, "-nmin", String(options.validityMinutes ?? 60), "-ignore_err"];
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
    await waitFor(async () => ((await canConnect(port)) ? true : undefined), 10_000, () => `openssl ocsp on port ${port}`);
    return { url: `http://127.0.0.1:${port}`, port, stop: managed.stop };
  } catch (error) {
    await managed.stop();
    throw error;
  }
}
