import type { Metadata } from "next";
import Link from "next/link";
import { signOut } from "@/app/login/actions";
import { currentUser } from "@/lib/auth/session";
import "./globals.css";

export const metadata: Metadata = {
  title: "Partition Desk",
  description: "Controlled recovery for the Week06 daily-partitioned ticket pipeline",
  icons: { icon: "/favicon.svg" },
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const user = await currentUser();
  return (
    <html lang="en">
      <body>
        <header className="topbar">
          <Link href="/" className="brand">
            Partition Desk
          </Link>
          {user && (
            <nav aria-label="Main">
              <Link href="/">Calendar</Link>
              <Link href="/plans">Plans</Link>
              <Link href="/backfills">Backfills</Link>
              <Link href="/evidence">Checks &amp; evidence</Link>
              <Link href="/manifests">Manifests</Link>
              <Link href="/drills">Drills</Link>
              <Link href="/strategy">Strategy</Link>
              <Link href="/audit">Audit</Link>
            </nav>
          )}
          {user && (
            <form action={signOut} className="user">
              <span>
                {user.email} <span className="role-list">({user.roles.join(", ")})</span>
              </span>
              <button type="submit">Sign out</button>
            </form>
          )}
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}
