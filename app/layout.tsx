import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { chooseLanguage, signOut } from "@/app/login/actions";
import { HeaderMenu } from "@/components/header-menu";
import { ClientMessages } from "@/components/client-messages";
import { currentUser } from "@/lib/auth/session";
import { can } from "@/lib/domain/roles";
import { LOCALES } from "@/lib/i18n/locales";
import { readerLocale } from "@/lib/i18n/server";
import { policy } from "@/lib/policy";
import { awaitingReviewCount } from "@/lib/views/evidence-queue";
import "./globals.css";

/** Each language's name in itself: a reader finds theirs whatever the page's language. */
const LANGUAGE_NAMES = { "zh-CN": "中文", en: "English" } as const;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("layout");
  return { title: "Partition Desk", description: t("description"), icons: { icon: "/favicon.svg" } };
}

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const [user, locale, t] = await Promise.all([currentUser(), readerLocale(), getTranslations("layout")]);
  // The navigation (and its count) is for readers: a signed-in user without a role learns nothing from it.
  const reader = user !== null && can(user, "read", policy().roles);
  const awaiting = reader ? await awaitingReviewCount() : 0;
  return (
    <html lang={locale}>
      <body>
        <ClientMessages file="app/layout">
          <a href="#main" className="skip-link">
            {t("skip")}
          </a>
          <header className="topbar">
            <Link href="/" className="brand">
              Partition Desk
            </Link>
            {user && (
              <HeaderMenu label={t("menu")} count={awaiting} countLabel={t("awaitingCount", { count: awaiting })}>
                {reader && (
                  <nav aria-label={t("mainNav")}>
                    <Link href="/">{t("calendar")}</Link>
                    <Link href="/plans">{t("plans")}</Link>
                    <Link href="/backfills">{t("backfills")}</Link>
                    <Link href="/evidence" aria-label={t("evidenceAwaiting", { count: awaiting })}>
                      {t("evidence")} {awaiting > 0 && <span className="count-badge">{awaiting}</span>}
                    </Link>
                    <Link href="/manifests">{t("manifests")}</Link>
                    <Link href="/deliveries">{t("deliveries")}</Link>
                    <Link href="/drills">{t("drills")}</Link>
                    <Link href="/strategy">{t("strategy")}</Link>
                    <Link href="/audit">{t("audit")}</Link>
                  </nav>
                )}
                <div className="user">
                  <form action={chooseLanguage} className="language-switcher" aria-label={t("language")}>
                    {LOCALES.map((l) => (
                      <button
                        key={l}
                        type="submit"
                        name="language"
                        value={l}
                        lang={l}
                        aria-pressed={l === locale}
                        className={l === locale ? "current" : undefined}
                      >
                        {LANGUAGE_NAMES[l]}
                      </button>
                    ))}
                  </form>
                  <form action={signOut} className="user">
                    <span>
                      {user.email}{" "}
                      <span className="role-list">
                        ({user.roles.map((r) => t(`role.${r}`)).join(", ") || t("noRole")})
                      </span>
                    </span>
                    <button type="submit">{t("signOut")}</button>
                  </form>
                </div>
              </HeaderMenu>
            )}
          </header>
          <main id="main" tabIndex={-1}>
            {children}
          </main>
        </ClientMessages>
      </body>
    </html>
  );
}
