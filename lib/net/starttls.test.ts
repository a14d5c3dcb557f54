// Framing and dialogue details of the STARTTLS negotiation, over real loopback sockets with scripted servers.
import net from "node:net";
import { afterAll, describe, expect, test } from "vitest";
import { berElementLength, negotiateStartTls, StartTlsError, type StartTlsOutcome, type StartTlsProtocol } from "./starttls";

describe("berElementLength", () => {
  test.each<[string, number[], number | null]>([
    ["empty", [], null],
    ["tag only", [0x30], null],
    ["short form, complete", [0x30, 0x03, 1, 2, 3], 5],
    ["short form, more bytes than the element", [0x30, 0x01, 9, 0x30], 3],
    ["short form, incomplete", [0x30, 0x05, 1, 2], null],
    ["long form (0x81), complete", [0x30, 0x81, 0x02, 1, 2], 5],
    ["long form (0x82) 300 bytes, incomplete", [0x30, 0x82, 0x01, 0x2c, ...new Array<number>(10).fill(0)], null],
    ["long form (0x82) 300 bytes, complete", [0x30, 0x82, 0x01, 0x2c, ...new Array<number>(300).fill(0)], 304],
  ])("%s", (_label, bytes, expected) => expect(berElementLength(new Uint8Array(bytes))).toBe(expected));

  test.each([[[0x30, 0x80]], [[0x30, 0x85, 1, 1, 1, 1, 1]]])("indefinite or oversized length %j is a protocol error", (bytes) => {
    expect(() => berElementLength(new Uint8Array(bytes))).toThrow(StartTlsError);
  });
});

const servers: net.Server[] = [];
const accepted = new Set<net.Socket>();
afterAll(async () => {
  accepted.forEach((s) => s.destroy());
  await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
});

function track(server: net.Server): net.Server {
  server.on("connection", (s: net.Socket) => {
    accepted.add(s);
    s.on("close", () => accepted.delete(s));
  });
  servers.push(server);
  return server;
}

/** A scripted server: greets, then answers each received line from `answers` (by prefix). */
async function scripted(greeting: string, answers: Record<string, string>): Promise<number> {
  const server = net.createServer((socket) => {
    socket.on("error", () => undefined);
    if (greeting) socket.write(greeting);
    let buffer = "";
    socket.on("data", (d: Buffer) => {
      buffer += d.toString("latin1");
      for (let i = buffer.indexOf("\n"); i >= 0; i = buffer.indexOf("\n")) {
        const line = buffer.slice(0, i).replace(/\r$/, "");
        buffer = buffer.slice(i + 1);
        const key = Object.keys(answers).find((k) => line.toUpperCase().startsWith(k));
        if (key !== undefined) socket.write(answers[key]!);
      }
    });
  });
  track(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  return (server.address() as net.AddressInfo).port;
}

async function negotiate(port: number, protocol: StartTlsProtocol): Promise<{ outcome?: StartTlsOutcome; error?: StartTlsError; transcript: string[] }> {
  const socket = net.connect({ host: "127.0.0.1", port });
  await new Promise<void>((resolve, reject) => socket.once("connect", resolve).once("error", reject));
  const transcript: string[] = [];
  try {
    return { outcome: await negotiateStartTls(socket, protocol, { readTimeoutMs: 2_000, maxBytes: 4096, ehloName: "probe.test", transcript }), transcript };
  } catch (error) {
    if (error instanceof StartTlsError) return { error, transcript };
    throw error;
  } finally {
    socket.destroy();
  }
}

describe("negotiateStartTls dialogues", () => {
  test("SMTP: EHLO refused with 502 (no ESMTP) → not offered, QUIT sent", async () => {
    const port = await scripted("220 old.fabrikam.com SMTP ready\r\n", { EHLO: "502 5.5.1 command not implemented\r\n" });
    const r = await negotiate(port, "smtp");
    expect(r.outcome).toEqual({ offered: false, banner: "220 old.fabrikam.com SMTP ready", capabilities: [], refusal: "EHLO was refused (502 5.5.1 command not implemented): the server does not speak ESMTP, so STARTTLS is not available" });
    expect(r.transcript).toEqual(["S: 220 old.fabrikam.com SMTP ready", "C: EHLO probe.test", "S: 502 5.5.1 command not implemented", "C: QUIT"]);
  });

  test("SMTP: STARTTLS matched case-insensitively in the EHLO keywords", async () => {
    const port = await scripted("220 mx\r\n", { EHLO: "250-mx\r\n250-8BITMIME\r\n250 starttls\r\n", STARTTLS: "220 2.0.0 ready\r\n" });
    const r = await negotiate(port, "smtp");
    expect(r.outcome).toEqual({ offered: true, banner: "220 mx", capabilities: ["8BITMIME", "starttls"] });
  });

  test("SMTP: a garbage greeting is a protocol error", async () => {
    const port = await scripted("HTTP/1.1 400 Bad Request\r\n", {});
    const r = await negotiate(port, "smtp");
    expect([r.error?.stage, r.error?.code]).toEqual(["greeting", "ERR_PROBE_PROTOCOL"]);
  });

  test("IMAP: untagged lines before the tagged OK are skipped; STARTTLS refused with NO → not offered", async () => {
    const port = await scripted("* OK IMAP ready\r\n", { "A1 CAPABILITY": "* CAPABILITY IMAP4rev1 STARTTLS\r\na1 OK done\r\n", "A2 STARTTLS": "* BYE not today\r\na2 NO TLS unavailable\r\n" });
    const r = await negotiate(port, "imap");
    expect(r.outcome).toEqual({ offered: false, banner: "* OK IMAP ready", capabilities: ["IMAP4rev1", "STARTTLS"], refusal: 'STARTTLS was advertised but answered "a2 NO TLS unavailable"' });
  });

  test("IMAP: a BYE greeting is a protocol error", async () => {
    const r = await negotiate(await scripted("* BYE too many connections\r\n", {}), "imap");
    expect(r.error?.message).toBe('the server greeted with "* BYE too many connections" instead of * OK');
  });

  test("POP3: CAPA not supported → STLS not advertised", async () => {
    const r = await negotiate(await scripted("+OK POP3 ready\r\n", { CAPA: "-ERR unknown command\r\n" }), "pop3");
    expect(r.outcome?.offered).toBe(false);
    expect(r.outcome?.refusal).toBe('CAPA is not supported ("-ERR unknown command"), so STLS is not advertised');
  });

  test("POP3: STLS accepted", async () => {
    const r = await negotiate(await scripted("+OK POP3 ready\r\n", { CAPA: "+OK\r\nUSER\r\nSTLS\r\n.\r\n", STLS: "+OK begin TLS\r\n" }), "pop3");
    expect(r.outcome).toEqual({ offered: true, banner: "+OK POP3 ready", capabilities: ["USER", "STLS"] });
  });

  test("the server closing mid-dialogue → ERR_PROBE_CLOSED", async () => {
    const server = track(net.createServer((socket) => socket.end("220 mx\r\n")));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
    const r = await negotiate((server.address() as net.AddressInfo).port, "smtp");
    expect([r.error?.stage, r.error?.code]).toEqual(["capabilities", "ERR_PROBE_CLOSED"]);
  });
});
