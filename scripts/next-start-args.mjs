// How the console's production web server is started, shared by `npm start` (scripts/start.mjs) and the end-to-end
// consoles (e2e/serve.mjs), so the tests exercise the same server settings.

/**
 * Idle keep-alive connections stay open this long: longer than the 60 s idle timeout common to load balancers and
 * clients. With Node's 5 s default the server closed connections its callers still meant to reuse, and a request sent
 * just as it closed one failed with a reset (a load balancer answers 502).
 */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

/** `next start`'s arguments for a port (and a host name, when given). */
export function nextStartArgs(port, hostname) {
  return ["start", "-p", String(port), "--keepAliveTimeout", String(KEEP_ALIVE_TIMEOUT_MS), ...(hostname ? ["-H", hostname] : [])];
}
