"use client";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="mx-auto mt-24 max-w-md rounded border border-red-200 bg-white p-6 shadow-sm" role="alert">
      <h1 className="text-lg font-semibold text-red-800">This page could not be shown</h1>
      <p className="mt-2 text-slate-600">
        The server could not complete the request. Nothing was changed. If it keeps happening, give the administrator this
        reference: <code className="font-mono">{error.digest ?? "n/a"}</code>.
      </p>
      <button className="btn mt-4" onClick={reset}>
        Try again
      </button>
    </main>
  );
}
