import type { ReactNode } from "react";
import { PROBE_STARTTLS } from "@/lib/validations/endpoints";

type TargetField = "host" | "port" | "starttls";

/** Host, port and TLS mode inputs of a probe target (an endpoint or a partner's mail host). */
export function ProbeTargetFields({
  values,
  set,
  fieldError,
  hostLabel,
  hostPlaceholder,
}: {
  values: { host: string; port: string; starttls: string };
  set: (field: TargetField, value: string) => void;
  fieldError: (field: TargetField) => ReactNode;
  hostLabel: string;
  hostPlaceholder: string;
}) {
  return (
    <>
      <label>
        {hostLabel}
        <input className="field mt-1 block w-64" value={values.host} onChange={(e) => set("host", e.target.value)} placeholder={hostPlaceholder} required />
        {fieldError("host")}
      </label>
      <label>
        Port
        <input className="field mt-1 block w-24" type="number" min={1} max={65535} value={values.port} onChange={(e) => set("port", e.target.value)} required />
        {fieldError("port")}
      </label>
      <label>
        TLS
        <select className="field mt-1 block" value={values.starttls} onChange={(e) => set("starttls", e.target.value)}>
          <option value="">direct TLS</option>
          {PROBE_STARTTLS.map((p) => (
            <option key={p} value={p}>
              STARTTLS {p.toUpperCase()}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}
