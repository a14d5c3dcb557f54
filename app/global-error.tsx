"use client";

export default function GlobalError({ error }: { error: Error & { digest?: string } }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui", padding: 40 }}>
        <h1>certconsole could not start this page</h1>
        <p>Nothing was changed. Reference: {error.digest ?? "n/a"}</p>
      </body>
    </html>
  );
}
