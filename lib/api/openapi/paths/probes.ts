import { z } from "zod";
import { endpointInputSchema, partnerHostInputSchema } from "@/lib/validations/endpoints";
import { objectAnswer, type ApiOperation } from "../operation";

const serverQuery = z.object({ serverId: z.string().max(64).optional().describe("Only this server's endpoints.") });

/** TLS endpoints and partner mail hosts, and their probes. */
export const probeOperations: ApiOperation[] = [
  { method: "GET", path: "/api/v1/endpoints", summary: "TLS endpoints with their last probe.", access: "read", query: serverQuery, response: objectAnswer("`{ items }`.") },
  { method: "POST", path: "/api/v1/endpoints", summary: "Add a TLS endpoint to probe.", access: "mutate", body: endpointInputSchema, response: objectAnswer("The endpoint."), errors: ["ERR_CONFLICT"] },
  { method: "GET", path: "/api/v1/endpoints/{id}", summary: "One endpoint with its bound certificates and last report.", access: "read", response: objectAnswer("The endpoint.") },
  { method: "DELETE", path: "/api/v1/endpoints/{id}", summary: "Remove an endpoint.", access: "mutate", response: objectAnswer("`{ ok }`.") },
  { method: "POST", path: "/api/v1/endpoints/{id}/probe", summary: "Probe one endpoint now.", access: "diagnostics", response: objectAnswer("The probe report.") },
  { method: "POST", path: "/api/v1/endpoints/probe", summary: "Probe every endpoint (a few at a time).", access: "diagnostics", query: serverQuery, response: objectAnswer("Each outcome.") },
  { method: "GET", path: "/api/v1/partners", summary: "Partner mail hosts (the domain-secured list).", access: "read", response: objectAnswer("`{ items }`.") },
  { method: "POST", path: "/api/v1/partners", summary: "Add a partner mail host.", access: "mutate", body: partnerHostInputSchema, response: objectAnswer("The partner host."), errors: ["ERR_CONFLICT"] },
  { method: "GET", path: "/api/v1/partners/{id}", summary: "One partner host and its last report.", access: "read", response: objectAnswer("The partner host.") },
  { method: "DELETE", path: "/api/v1/partners/{id}", summary: "Remove a partner host.", access: "mutate", response: objectAnswer("`{ ok }`.") },
  { method: "POST", path: "/api/v1/partners/{id}/probe", summary: "Probe one partner host now (STARTTLS SMTP by default).", access: "diagnostics", response: objectAnswer("The probe report.") },
  { method: "POST", path: "/api/v1/partners/probe", summary: "Probe every partner host.", access: "diagnostics", response: objectAnswer("Each outcome.") },
];
