/** What a recorded revocation check holds per certificate of the chain (RevocationCheck.attempts). */
interface RecordedResult {
  depth?: number;
  subject?: string;
  status?: string;
  message?: string;
  attempts?: { method?: string; url?: string; route?: { via?: string; reason?: string }; outcome?: string; message?: string; durationMs?: number; httpStatus?: number }[];
}

/** Every attempt of one recorded check: URL, proxy, result and time, like certutil -verify -urlfetch. */
export function RevocationAttempts({ attempts }: { attempts: unknown }) {
  const results = Array.isArray(attempts) ? (attempts as RecordedResult[]) : [];
  if (results.length === 0) return <p className="text-xs text-slate-500">No URL was fetched in this check.</p>;
  return (
    <table className="table-dense w-full text-xs" aria-label="Revocation attempts">
      <thead>
        <tr>
          <th>Certificate</th>
          <th>Method</th>
          <th>URL</th>
          <th>Proxy</th>
          <th>Result</th>
          <th>Time</th>
        </tr>
      </thead>
      <tbody>
        {results.flatMap((r, i) =>
          (r.attempts?.length ? r.attempts : [{ message: r.message, outcome: r.status }]).map((a, j) => (
            <tr key={`${i}-${j}`}>
              <td>{j === 0 ? `${r.depth ?? i}: ${r.subject ?? ""}` : ""}</td>
              <td>{"method" in a ? a.method : ""}</td>
              <td className="font-mono break-all">{"url" in a ? (a.url ?? "") : ""}</td>
              <td title={"route" in a ? a.route?.reason : undefined}>{"route" in a ? (a.route?.via ?? "") : ""}</td>
              <td>
                <strong>{a.outcome}</strong> {a.message}
              </td>
              <td className="whitespace-nowrap">{"durationMs" in a && a.durationMs !== undefined ? `${a.durationMs} ms` : ""}</td>
            </tr>
          )),
        )}
      </tbody>
    </table>
  );
}
