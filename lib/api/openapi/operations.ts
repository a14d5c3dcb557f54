import type { ApiOperation } from "./operation";
import { acmeOperations } from "./paths/acme";
import { certificateOperations } from "./paths/certificates";
import { consoleOperations } from "./paths/console";
import { inventoryOperations } from "./paths/inventory";
import { probeOperations } from "./paths/probes";

/**
 * Every operation of `/api/v1`. A new route adds its operations to the file of its area under paths/ (or a new
 * file, listed here); test/openapi.test.ts fails while a route file exports a method this list does not describe.
 */
export const API_OPERATIONS: readonly ApiOperation[] = [...consoleOperations, ...certificateOperations, ...acmeOperations, ...inventoryOperations, ...probeOperations];
