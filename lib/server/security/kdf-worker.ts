/**
 * The server's {@link KdfPort}: password-based key derivation off the event loop, so that opening a PKCS#12 file
 * (up to the caps of lib/pki/pkcs12/kdf.ts) never stalls other requests.
 *
 * - PBKDF2 (PBES2 files) runs on node:crypto's asynchronous `pbkdf2`, i.e. libuv's thread pool.
 * - The iterated hash of the PKCS#12 KDF (the MAC and the 3DES/RC2 PBEs) runs in one shared worker thread, started
 *   on first use and `unref`'d so it never keeps a process alive. The worker only repeats `H(a)`; the KDF's
 *   structure stays in lib/pki (`pkcs12KdfAsync`). Requests queue in the worker, so concurrent imports share one
 *   core rather than taking them all. A crashed worker fails its pending requests and is replaced on next use.
 */
import { Worker } from "node:worker_threads";
import { inProcessKdf, type KdfPort } from "@/lib/pki/pkcs12/kdf";

// Evaluated as CommonJS in the worker: no file to bundle or locate, for Next, the CLI bundle and vitest alike.
const WORKER_SOURCE = `
const { parentPort } = require("node:worker_threads");
const crypto = require("node:crypto");
const digest = typeof crypto.hash === "function"
  ? (name, data) => crypto.hash(name, data, "buffer")
  : (name, data) => crypto.createHash(name).update(data).digest();
parentPort.on("message", ({ id, hash, input, iterations }) => {
  try {
    let a = digest(hash, input);
    for (let r = 1; r < iterations; r++) a = digest(hash, a);
    parentPort.postMessage({ id, output: new Uint8Array(a) });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.message || error) });
  }
});
`;

interface Pending {
  resolve: (output: Uint8Array) => void;
  reject: (error: Error) => void;
}

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();

function failAll(error: Error): void {
  for (const p of pending.values()) p.reject(error);
  pending.clear();
  worker = null;
}

function getWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(WORKER_SOURCE, { eval: true });
  w.unref();
  w.on("message", (message: { id: number; output?: Uint8Array; error?: string }) => {
    const p = pending.get(message.id);
    if (!p) return;
    pending.delete(message.id);
    if (pending.size === 0) w.unref();
    if (message.output) p.resolve(new Uint8Array(message.output));
    else p.reject(new Error(`key derivation failed: ${message.error ?? "unknown error"}`));
  });
  w.on("error", (error) => failAll(error instanceof Error ? error : new Error(String(error))));
  w.on("exit", (code) => {
    if (worker === w) failAll(new Error(`the key-derivation worker exited (code ${code})`));
  });
  worker = w;
  return w;
}

/** `H^iterations(input)` in the worker thread. */
function iteratedHashInWorker(hash: string, input: Uint8Array, iterations: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const w = getWorker();
    const id = nextId++;
    pending.set(id, { resolve, reject });
    w.ref(); // keep the process alive while a derivation is outstanding
    w.postMessage({ id, hash, input, iterations });
  });
}

/** The {@link KdfPort} every server use-case passes to `readBundle` / `importPkcs12`. */
export const offThreadKdf: KdfPort = {
  iteratedHash: iteratedHashInWorker,
  pbkdf2: inProcessKdf.pbkdf2,
};
