import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startSignInDirectory, type SignInDirectory } from "@/test/harness/sign-in-directory";
import { bindAs, openDirectory, type DirectoryStep } from "./ldap-directory";

let directory: SignInDirectory;

beforeAll(async () => {
  directory = await startSignInDirectory();
});

afterAll(async () => {
  await directory?.stop();
});

const policy = { allowList: ["127.0.0.1"] };

describe("openDirectory against a real slapd", () => {
  // Regression: after a refused chain, the TCP socket was destroyed before the TLS socket wrapping it, and the
  // process died with a segmentation fault a little later (seen as "Channel closed" from the Vitest worker).
  test("regression: refusing an untrusted chain closes the TLS socket before its TCP socket, and the process lives on", async () => {
    for (let i = 0; i < 5; i++) {
      const steps: DirectoryStep[] = [];
      await expect(openDirectory({ url: directory.ldapsUrl, transport: "ldaps", policy, timeoutMs: 5_000, verifyChain: async () => ({ ok: false, detail: "not trusted here" }), steps })).rejects.toMatchObject({ code: "ERR_LDAP_TLS_UNTRUSTED", step: "tls" });
      expect(steps.map((s) => [s.step, s.ok])).toEqual([["connect", true], ["tls", false]]);
    }
    await new Promise((r) => setTimeout(r, 500));
    const steps: DirectoryStep[] = [];
    const connection = await openDirectory({ url: directory.ldapUrl, transport: "starttls", policy, timeoutMs: 5_000, verifyChain: async (chain) => ({ ok: chain.length > 0, detail: `${chain.length} certificate(s)` }), steps });
    try {
      await bindAs(connection, directory.userDn("alice"), "alice-password", steps);
    } finally {
      await connection.close();
    }
    expect(steps.map((s) => [s.step, s.ok])).toEqual([["connect", true], ["tls", true], ["bind", true]]);
  });

  test("the URL must fit the transport, and an empty password is never sent", async () => {
    await expect(openDirectory({ url: directory.ldapUrl, transport: "ldaps", policy, timeoutMs: 5_000, verifyChain: async () => ({ ok: true, detail: "" }), steps: [] })).rejects.toMatchObject({ code: "ERR_LDAP_URL" });
    const steps: DirectoryStep[] = [];
    const connection = await openDirectory({ url: directory.ldapUrl, transport: "plain", policy, timeoutMs: 5_000, verifyChain: async () => ({ ok: false, detail: "unused" }), steps });
    try {
      await expect(bindAs(connection, directory.userDn("alice"), "", steps)).rejects.toMatchObject({ code: "ERR_BAD_CREDENTIALS", step: "bind" });
    } finally {
      await connection.close();
    }
  });
});
