import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto mt-24 max-w-md rounded border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="text-lg font-semibold">Page not found</h1>
      <p className="mt-2 text-slate-600">There is nothing at this address. It may have been removed, or the link is mistyped.</p>
      <Link className="btn mt-4" href="/certificates">
        Go to certificates
      </Link>
    </main>
  );
}
