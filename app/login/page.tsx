import { getTranslations } from "next-intl/server";
import { SignInForm } from "@/app/login/sign-in-form";
import { config } from "@/lib/config";
import { DEMO_USERS } from "@/lib/auth/users";
import { withClientMessages } from "@/components/client-messages";

export const dynamic = "force-dynamic";

async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string; denied?: string }> }) {
  const [{ next, denied }, t] = await Promise.all([searchParams, getTranslations("login")]);
  const roles = await getTranslations("layout.role");
  return (
    <section className="narrow">
      <h1>{t("title")}</h1>
      {denied && (
        <p role="alert" className="error">
          {t("denied")}
        </p>
      )}
      <SignInForm next={typeof next === "string" ? next.slice(0, 2048) : undefined} />
      {/* Demo accounts exist — and are listed — only in demo mode. */}
      {config().demo && (
        <details className="muted small">
          <summary>{t("demoAccounts")}</summary>
          <p>{t("demoPassword")}</p>
          <ul>
            {DEMO_USERS.map((u) => (
              <li key={u.email}>
                <code>{u.email}</code> — {u.roles.map((r) => roles(r)).join(" + ")}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

export default withClientMessages("app/login/page", LoginPage);
