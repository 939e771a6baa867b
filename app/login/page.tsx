import { SignInForm } from "@/app/login/sign-in-form";
import { DEMO_USERS } from "@/lib/auth/users";

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  return (
    <section className="narrow">
      <h1>Sign in to Partition Desk</h1>
      <SignInForm next={next} />
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
    </section>
  );
}
