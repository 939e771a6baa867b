import type { Metadata } from "next";
import Link from "next/link";
import { signOut } from "@/app/login/actions";
import { currentUser } from "@/lib/auth/session";
import { can } from "@/lib/domain/roles";
import { policy } from "@/lib/policy";
import { awaitingReviewCount } from "@/lib/views/evidence-queue";
import "./globals.css";

export const metadata: Metadata = {
  title: "Partition Desk",
  description: "Controlled recovery for the Week06 daily-partitioned ticket pipeline",
  icons: { icon: "/favicon.svg" },
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const user = await currentUser();
  // The navigation (and its count) is for readers: a signed-in user without a role learns nothing from it.
  const reader = user !== null && can(user, "read", policy().roles);
  const awaiting = reader ? await awaitingReviewCount() : 0;
  return (
    <html lang="en">
      <body>
        <a href="#main" className="skip-link">
          Skip to the page content
        </a>
        <header className="topbar">
          <Link href="/" className="brand">
            Partition Desk
          </Link>
          {reader && (
            <nav aria-label="Main">
              <Link href="/">Calendar</Link>
              <Link href="/plans">Plans</Link>
              <Link href="/backfills">Backfills</Link>
              <Link href="/evidence" aria-label={`Evidence: ${awaiting} run${awaiting === 1 ? "" : "s"} awaiting review`}>
                Evidence {awaiting > 0 && <span className="count-badge">{awaiting}</span>}
              </Link>
              <Link href="/manifests">Manifests</Link>
              <Link href="/deliveries">Deliveries</Link>
              <Link href="/drills">Drills</Link>
              <Link href="/strategy">Strategy</Link>
              <Link href="/audit">Audit</Link>
            </nav>
          )}
          {user && (
            <form action={signOut} className="user">
              <span>
                {user.email} <span className="role-list">({user.roles.join(", ") || "no role"})</span>
              </span>
              <button type="submit">Sign out</button>
            </form>
          )}
        </header>
        <main id="main" tabIndex={-1}>
          {children}
        </main>
      </body>
    </html>
  );
}
