import { SignInForm } from "@/app/login/sign-in-form";
import { config } from "@/lib/config";
import { DEMO_USERS } from "@/lib/auth/users";

export const dynamic = "force-dynamic";

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string; denied?: string }> }) {
  const { next, denied } = await searchParams;
  return (
    <section className="narrow">
      <h1>Sign in to Partition Desk</h1>
      {denied && (
        <p role="alert" className="error">
          Your account holds no role that may read Partition Desk. Ask an administrator for one.
        </p>
      )}
      <SignInForm next={typeof next === "string" ? next.slice(0, 2048) : undefined} />
      {/* Demo accounts exist — and are listed — only in demo mode. */}
      {config().demo && (
        <details className="muted small">
          <summary>Demo accounts</summary>
          <p>Every demo account uses the password in DEMO_PASSWORD (see .env.example).</p>
          <ul>
            {DEMO_USERS.map((u) => (
              <li key={u.email}>
                <code>{u.email}</code> — {u.roles.join(" + ")}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
