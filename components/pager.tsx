import Link from "next/link";

/** Server-side paging links that keep the current query string. */
export function Pager({ basePath, query, page, pageSize, total }: { basePath: string; query: Record<string, string>; page: number; pageSize: number; total: number }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const href = (p: number) => `${basePath}?${new URLSearchParams({ ...query, page: String(p) }).toString()}`;
  return (
    <nav aria-label="Pages" className="mt-3 flex items-center gap-3 text-sm text-slate-600">
      <span>
        {total === 0 ? "No items" : `${(page - 1) * pageSize + 1}–${Math.min(total, page * pageSize)} of ${total}`}
      </span>
      {page > 1 ? (
        <Link className="btn" href={href(page - 1)}>
          Previous
        </Link>
      ) : null}
      {page < pages ? (
        <Link className="btn" href={href(page + 1)}>
          Next
        </Link>
      ) : null}
    </nav>
  );
}
