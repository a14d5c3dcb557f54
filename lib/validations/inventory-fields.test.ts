import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { collectorFieldBlock, INVENTORY_FIELDS } from "./inventory-fields";
import { inventoryJsonSchema } from "./inventory";

const script = fs.readFileSync(path.join(process.cwd(), "scripts/collector/Collect-CertConsoleInventory.ps1"), "utf8");

describe("the collector script and the console's schema share one field list", () => {
  test("the script's $Fields block is the rendering of INVENTORY_FIELDS", () => {
    const block = /# BEGIN FIELDS[^\n]*\n([\s\S]*?)\n# END FIELDS/.exec(script)?.[1];
    expect(block).toBe(collectorFieldBlock());
  });

  test("every field is in the published JSON Schema", () => {
    const schema = JSON.stringify(inventoryJsonSchema());
    for (const fields of Object.values(INVENTORY_FIELDS)) for (const name of Object.keys(fields)) expect(schema).toContain(`"${name}"`);
  });

  test.each([
    ["dates as ISO 8601, not /Date()/", /ToUniversalTime\(\)\.ToString\('o'\)/],
    ["enums as their names", /'string' +\{.*\[string\]\$Value\.ToString\(\)/],
    ["deep enough JSON (the default depth 2 flattens servers)", /ConvertTo-Json -Depth 8/],
    ["UTF-8 without BOM", /UTF8Encoding \$false/],
    ["a bearer token to post", /Authorization = "Bearer \$ApiToken"/],
  ])("the script writes %s", (_what, pattern) => {
    expect(script).toMatch(pattern);
  });
});
