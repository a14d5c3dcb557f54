import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "certconsole", template: "%s · certconsole" },
  description: "Exchange certificate management console",
  icons: { icon: [{ url: "/favicon.ico", sizes: "any" }, { url: "/icon.svg", type: "image/svg+xml" }] },
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
