import type { PkiFetcher } from "@/lib/pki/ports";

/**
 * Wraps a fetcher so that at most `perHost` requests run at once against one host (CRL and OCSP servers of a CA
 * are shared by thousands of certificates; a refresh must not hammer them). Other hosts proceed meanwhile.
 */
export function limitPerHost(fetcher: PkiFetcher, perHost = 4): PkiFetcher {
  const active = new Map<string, number>();
  const waiting = new Map<string, (() => void)[]>();
  const hostOf = (url: string) => {
    try {
      return new URL(url).host.toLowerCase();
    } catch {
      return url;
    }
  };
  return async (request) => {
    const host = hostOf(request.url);
    if ((active.get(host) ?? 0) >= perHost) {
      await new Promise<void>((resolve) => {
        const queue = waiting.get(host) ?? [];
        queue.push(resolve);
        waiting.set(host, queue);
      });
    }
    active.set(host, (active.get(host) ?? 0) + 1);
    try {
      return await fetcher(request);
    } finally {
      active.set(host, (active.get(host) ?? 1) - 1);
      const next = waiting.get(host)?.shift();
      if (next) next();
      if (!active.get(host)) active.delete(host);
    }
  };
}
