import type { Metadata } from "next";
import { LoginForm } from "./login-form";
import { safeNextPath } from "@/lib/validations/next-path";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  return (
    <main className="mx-auto mt-24 max-w-sm rounded border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="text-xl font-semibold">certconsole</h1>
      <p className="mb-4 text-sm text-slate-600">Exchange certificate management. Sign in to continue.</p>
      <LoginForm next={safeNextPath(next)} />
    </main>
  );
}
