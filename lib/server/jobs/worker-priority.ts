import os from "node:os";

/**
 * Lowers this process's CPU priority (nice 10 unless CERTCONSOLE_WORKER_NICE says otherwise): background work such
 * as a 10,000-certificate refresh yields the CPU to the web server, so the lists stay fast while it runs. Returns
 * the niceness in force; a system that refuses the change leaves the process as it was.
 */
export function lowerWorkerPriority(env: NodeJS.ProcessEnv = process.env): number {
  const wanted = Number(env.CERTCONSOLE_WORKER_NICE ?? 10);
  if (Number.isInteger(wanted) && wanted >= 0 && wanted <= 19) {
    try {
      if (os.getPriority() < wanted) os.setPriority(wanted);
    } catch {
      // Not allowed here (a container without the capability): run at the inherited priority.
    }
  }
  return os.getPriority();
}
