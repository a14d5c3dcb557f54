/** Certificates expiring per month for the next 12 months, as a bar chart. */
export function ExpiryTimeline({ months }: { months: { month: string; count: number }[] }) {
  const max = Math.max(1, ...months.map((m) => m.count));
  const width = 36;
  const height = 110;
  return (
    <svg role="img" aria-label="Certificates expiring per month, next 12 months" viewBox={`0 0 ${months.length * width} ${height + 30}`} className="w-full max-w-3xl">
      {months.map((m, i) => {
        const h = Math.round((m.count / max) * height);
        return (
          <g key={m.month}>
            <title>{`${m.month}: ${m.count} certificate(s) expire`}</title>
            <rect x={i * width + 6} y={height - h + 4} width={width - 12} height={Math.max(h, m.count ? 2 : 0)} className={i === 0 ? "fill-red-500" : i < 2 ? "fill-amber-500" : "fill-blue-600"} />
            <text x={i * width + width / 2} y={height - h} textAnchor="middle" className="fill-slate-700 text-[10px]">
              {m.count || ""}
            </text>
            <text x={i * width + width / 2} y={height + 20} textAnchor="middle" className="fill-slate-500 text-[9px]">
              {m.month.slice(2)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
