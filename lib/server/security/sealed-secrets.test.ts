import fs from "node:fs";
import { describe, expect, test } from "vitest";
import { SEALED_COLUMNS } from "./sealed-secrets";

/** Every `Bytes` column of prisma/schema.prisma whose name or comment says it is sealed under the master key. */
function sealedColumnsInSchema(): string[] {
  const found: string[] = [];
  let model = "";
  let comment = "";
  for (const line of fs.readFileSync("prisma/schema.prisma", "utf8").split("\n")) {
    const m = /^model (\w+) \{/.exec(line);
    if (m) model = m[1] as string;
    const field = /^\s+(\w+)\s+Bytes\??(.*)$/.exec(line);
    if (field && /seal|master key/i.test(`${field[1]} ${field[2]} ${comment}`)) found.push(`${model}.${field[1]}`);
    comment = /^\s*\/\//.test(line) ? line : "";
  }
  return found.sort();
}

describe("SEALED_COLUMNS", () => {
  // Master-key rotation and restore go through this list: a sealed column missing from it would stay sealed under
  // the old key after a rotation, unreadable.
  test("lists every column the schema seals under the master key", () => {
    expect(SEALED_COLUMNS.map((c) => `${c.table}.${c.column}`).sort()).toEqual(sealedColumnsInSchema());
  });
});
