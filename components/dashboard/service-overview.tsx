import Link from "next/link";
import { STATUS_COLORS } from "@/components/status-badge";
import type { OverviewCell, OverviewServer } from "@/lib/server/servers/get-service-overview";

function days(n: number): string {
  if (n < 0) return `expired ${-n} d ago`;
  return n === 1 ? "1 day left" : `${n} days left`;
}

function Cell({ cell, server }: { cell: OverviewCell; server: string }) {
  if (cell.notOnRole) return <span className="text-xs text-slate-600" title={cell.notOnRole}>not on this role</span>;
  return (
    <div className="space-y-1">
      {cell.certificates.length === 0 ? <span className="text-xs text-slate-600">no certificate</span> : null}
      {cell.certificates.map((c) => (
        <Link
          key={c.id}
          href={`/certificates/${c.id}`}
          title={`${c.name} · ${c.status} · thumbprint ${c.thumbprint}`}
          // The visible words in their visible order, then what a sighted admin reads from the cell's place in the table;
          // parentheses hold what the visible text abbreviates (WCAG 2.5.3, label in name).
          aria-label={`${server} ${cell.service}: ${c.name}, ${c.status}, ${days(c.daysLeft)}${c.isDefaultSmtp ? ", default (the server's default SMTP certificate)" : ""}${c.acknowledged ? ", acknowledged (assigned despite a failed revocation check)" : ""}`}
          className={`block rounded border px-1.5 py-0.5 text-xs hover:underline ${STATUS_COLORS[c.status] ?? STATUS_COLORS.Unknown}`}
        >
          {/* Spaces between the parts: text that only layout separates runs together for assistive technology. */}
          <span className="block font-semibold break-words">{c.name}</span>{" "}
          <span className="block">
            {`${c.status} · `}
            {days(c.daysLeft)}
            {c.isDefaultSmtp ? <> <span className="rounded bg-white/70 px-1 font-semibold">default</span></> : null}
            {c.acknowledged ? <> <span title="assigned despite a failed revocation check">⚠ acknowledged</span></> : null}
          </span>
        </Link>
      ))}
      {cell.probe ? (
        <div className={`text-xs ${cell.probe.mismatch || cell.probe.status === "ConnectionFailed" ? "font-semibold text-red-800" : "text-slate-700"}`} data-testid={`probe-${server}-${cell.service}`}>
          {cell.probe.mismatch ? "Mismatch: live " : "Live: "}
          {cell.probe.presented ? (
            cell.probe.presented.id ? (
              <Link className="underline" href={`/certificates/${cell.probe.presented.id}`}>
                {cell.probe.presented.name}
              </Link>
            ) : (
              <span title={cell.probe.presented.thumbprint}>{cell.probe.presented.name}</span>
            )
          ) : (
            cell.probe.status
          )}
          <span className="sr-only"> (probe of {cell.probe.endpoint})</span>
        </div>
      ) : null}
    </div>
  );
}

/** The server × service overview: rows are servers, columns are services, each cell the certificate serving it. */
export function ServiceOverview({ servers, services }: { servers: OverviewServer[]; services: readonly string[] }) {
  return (
    <table className="table-dense w-full table-fixed text-sm" aria-label="Servers and services">
      <thead>
        <tr>
          <th scope="col" className="w-28">Server</th>
          {services.map((s) => (
            <th scope="col" key={s}>
              {s}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {servers.map((server) => (
          <tr key={server.id}>
            <th scope="row" className="text-left align-top">
              <Link className="text-blue-800 hover:underline" href={`/certificates?server=${encodeURIComponent(server.name)}`}>
                {server.name}
              </Link>
              <div className="text-xs font-normal text-slate-600">{server.role}</div>
            </th>
            {server.cells.map((cell) => (
              <td key={cell.service} data-testid={`cell-${server.name}-${cell.service}`}>
                <Cell cell={cell} server={server.name} />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
