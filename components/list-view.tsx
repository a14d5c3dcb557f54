/** A `Format-List` style block: right-aligned names, a colon column, values. */
export function ListView({ rows, label }: { rows: [string, React.ReactNode][]; label: string }) {
  return (
    <dl aria-label={label} className="grid grid-cols-[max-content_1fr] gap-x-2 gap-y-0.5 font-mono text-xs">
      {rows.map(([name, value]) => (
        <div key={name} className="contents">
          <dt className="text-right text-slate-600">{name} :</dt>
          <dd className="break-all">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
