import { expect, test } from "vitest";
import type { FetchOutcome, FetchRequest } from "@/lib/pki/ports";
import { limitPerHost } from "./limit-per-host";

test("at most `perHost` requests run at once against one host; other hosts are not held up; every request answers", async () => {
  const active = new Map<string, number>();
  const peak = new Map<string, number>();
  const order: string[] = [];
  // A fetcher port that takes 20 ms per request and records how many run at once per host.
  const slow = async (request: FetchRequest): Promise<FetchOutcome> => {
    const host = new URL(request.url).host;
    active.set(host, (active.get(host) ?? 0) + 1);
    peak.set(host, Math.max(peak.get(host) ?? 0, active.get(host)!));
    await new Promise((r) => setTimeout(r, 20));
    active.set(host, active.get(host)! - 1);
    order.push(request.url);
    return { ok: true, status: 200, url: request.url, route: "direct", durationMs: 20, bytes: 0 } as unknown as FetchOutcome;
  };
  const fetcher = limitPerHost(slow, 2);
  const urls = [...Array.from({ length: 10 }, (_, i) => `http://crl.a.test/${i}.crl`), "http://crl.b.test/0.crl", "http://crl.b.test/1.crl"];
  const outcomes = await Promise.all(urls.map((url) => fetcher({ url, method: "GET" } as FetchRequest)));
  expect(outcomes.every((o) => o.ok)).toBe(true);
  expect(peak.get("crl.a.test")).toBe(2);
  expect(peak.get("crl.b.test")).toBe(2);
  // Host b's two requests finished among the first ones, not after host a's queue.
  expect(order.slice(0, 4)).toEqual(expect.arrayContaining(["http://crl.b.test/0.crl", "http://crl.b.test/1.crl"]));
});
