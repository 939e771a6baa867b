import type { Metadata } from "next";
import Link from "next/link";
import "./globals.css";

export const metadata: Metadata = {
  title: "Partition Desk",
  description: "Controlled recovery for the Week06 daily-partitioned ticket pipeline",
  icons: { icon: "/favicon.svg" },
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header className="topbar">
          <Link href="/" className="brand">
            Partition Desk
          </Link>
          <nav aria-label="Main">
            <Link href="/">Calendar</Link>
            <Link href="/manifests">Manifests</Link>
          </nav>
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}
