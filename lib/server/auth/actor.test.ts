import { describe, expect, test } from "vitest";
import { can, requirePermission, type Actor, type Permission } from "./actor";

const admin: Actor = { userId: "1", username: "admin", role: "admin" };
const helpdesk: Actor = { userId: "2", username: "helpdesk", role: "helpdesk" };

describe("role checks", () => {
  test.each<[Actor, Permission, boolean]>([
    [admin, "read", true],
    [admin, "mutate", true],
    [admin, "readKeyMaterial", true],
    [helpdesk, "read", true],
    [helpdesk, "mutate", false],
    [helpdesk, "readKeyMaterial", false],
  ])("%o may %s: %s", (actor, permission, allowed) => {
    expect(can(actor, permission)).toBe(allowed);
  });

  test("helpdesk mutation is ERR_FORBIDDEN, no session is ERR_UNAUTHENTICATED", () => {
    expect(() => requirePermission(helpdesk, "mutate")).toThrowError(expect.objectContaining({ code: "ERR_FORBIDDEN" }));
    expect(() => requirePermission(helpdesk, "readKeyMaterial")).toThrowError(expect.objectContaining({ code: "ERR_FORBIDDEN" }));
    expect(() => requirePermission(null, "read")).toThrowError(expect.objectContaining({ code: "ERR_UNAUTHENTICATED" }));
    expect(() => requirePermission(admin, "mutate")).not.toThrow();
  });
});
