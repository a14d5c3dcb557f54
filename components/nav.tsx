"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const ITEMS = [
  { href: "/dashboard", label: "Dashboard" },
  { href: "/certificates", label: "Certificates" },
  { href: "/requests", label: "Requests" },
  { href: "/servers", label: "Servers" },
  { href: "/exchange", label: "Connectors & Auth" },
  { href: "/trust-stores", label: "Trust stores" },
  { href: "/endpoints", label: "Endpoints" },
  { href: "/partners", label: "Partners" },
  { href: "/diagnostics", label: "Diagnostics" },
  { href: "/audit", label: "Audit" },
  { href: "/settings", label: "Settings" },
  { href: "/users", label: "Users" },
  { href: "/account", label: "Account" },
  { href: "/api-docs", label: "API" },
] as const;

/** The console's main navigation. */
export function Nav() {
  const path = usePathname();
  return (
    <nav aria-label="Main" className="flex flex-col gap-0.5 p-2">
      {ITEMS.map((item) => {
        const active = path === item.href || path.startsWith(`${item.href}/`);
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={active ? "page" : undefined}
            className={`rounded px-3 py-1.5 text-sm ${active ? "bg-blue-700 font-semibold text-white" : "text-slate-200 hover:bg-slate-700"}`}
          >
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
