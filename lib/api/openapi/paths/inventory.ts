import { z } from "zod";
import { acceptServerStateSchema, inventoryFileSchema } from "@/lib/validations/inventory";
import { fileField, objectAnswer, type ApiOperation } from "../operation";

/** The Exchange inventory: the collector's uploads, drift and findings. */
export const inventoryOperations: ApiOperation[] = [
  {
    method: "POST",
    path: "/api/v1/inventory",
    summary: "Import a collector inventory file (JSON body, or multipart `file`).",
    description: "The collector script posts here with an API token of scope `inventory:write`.",
    access: "inventoryWrite",
    body: inventoryFileSchema,
    multipart: z.object({ file: fileField("The inventory JSON file.") }),
    response: objectAnswer("What the import changed, per server."),
    errors: ["ERR_INVENTORY_INVALID", "ERR_INPUT_TOO_LARGE"],
  },
  {
    method: "GET",
    path: "/api/v1/inventory/collector",
    summary: "The collector PowerShell script, to run on an Exchange server.",
    access: "read",
    response: { contentType: "text/plain", description: "Collect-CertConsoleInventory.ps1" },
  },
  {
    method: "GET",
    path: "/api/v1/inventory/findings",
    summary: "Exchange findings across servers (connectors, IMAP/POP names, Auth certificate…).",
    access: "read",
    response: objectAnswer("The findings."),
  },
  {
    method: "GET",
    path: "/api/v1/inventory/schema.json",
    summary: "The inventory file format as JSON Schema.",
    access: "public",
    response: objectAnswer("A JSON Schema document."),
  },
  {
    method: "GET",
    path: "/api/v1/servers/{name}/drift",
    summary: "Differences between the console and the server's last inventory.",
    access: "read",
    response: objectAnswer("The drift items of the server."),
  },
  {
    method: "POST",
    path: "/api/v1/servers/{name}/drift/accept",
    summary: "Accept the server's state for some differences (the console follows the server).",
    access: "mutate",
    body: acceptServerStateSchema.omit({ server: true }),
    response: objectAnswer("What was accepted."),
  },
];
