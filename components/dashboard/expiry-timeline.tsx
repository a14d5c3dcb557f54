import Link from "next/link";
import { StatusBadge } from "@/components/status-badge";

/** An installed certificate on the expiry timeline. */
export interface ExpiringCertificate {
  id: string;
  name: string;
  status: string;
  notAfter: string;
  daysLeft: number;
  servers: string[];
  /** "EXCAS1 IIS" per binding. */
  services: string[];
}

function when(daysLeft: number): string {
  if (daysLeft < 0) return `expired ${-daysLeft} days ago`;
  if (daysLeft === 0) return "expires today";
  return `in ${daysLeft} day${daysLeft === 1 ? "" : "s"}`;
}

/** What expires next and where it is used: installed certificates, soonest first, with their servers and services. */
export function ExpiryTimeline({ certificates }: { certificates: ExpiringCertificate[] }) {
  if (certificates.length === 0) return <p className="text-sm text-slate-600">No installed certificate expires in the next 12 months.</p>;
  return (
    <ol aria-label="What expires next" className="relative space-y-2 border-l-2 border-slate-200 pl-4">
      {certificates.map((c) => (
        <li key={c.id} className="relative">
          <span aria-hidden className={`absolute top-1.5 -left-[1.4rem] h-2.5 w-2.5 rounded-full ${c.daysLeft < 0 ? "bg-red-600" : c.daysLeft <= 30 ? "bg-amber-500" : "bg-blue-600"}`} />
          <div className="flex flex-wrap items-baseline gap-x-2 text-sm">
            <span className="font-mono text-xs whitespace-nowrap">{c.notAfter.slice(0, 10)}</span>
            <span className={`text-xs whitespace-nowrap ${c.daysLeft <= 30 ? "font-semibold text-red-800" : "text-slate-600"}`}>{when(c.daysLeft)}</span>
            <Link className="font-semibold text-blue-800 hover:underline" href={`/certificates/${c.id}`}>
              {c.name}
            </Link>
            <StatusBadge status={c.status} />
          </div>
          <p className="text-xs text-slate-700">
            {c.services.length ? `Used by ${c.services.join(", ")}` : `Installed on ${c.servers.join(", ")}, not assigned to any service`}
          </p>
        </li>
      ))}
    </ol>
  );
}
