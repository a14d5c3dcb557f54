import fs from "node:fs/promises";
import path from "node:path";
import { requirePermission, type Actor } from "../auth/actor";

/** Where the collector script lives in the repository. */
export const COLLECTOR_SCRIPT = path.join("scripts", "collector", "Collect-CertConsoleInventory.ps1");

/** The collector script, for the Servers page download. */
export async function readCollectorScript(actor: Actor | null): Promise<{ fileName: string; text: string }> {
  requirePermission(actor, "read");
  return { fileName: path.basename(COLLECTOR_SCRIPT), text: await fs.readFile(path.join(process.cwd(), COLLECTOR_SCRIPT), "utf8") };
}
