// What the benchmark scripts share about the server they time: waiting for it, and who they are to it.
import { signSession } from "@/lib/auth/session-token";

export const BENCH_SESSION_SECRET = "bench-session-secret-0123456789abcdef";

/** Waits until the server at `base` answers its sign-in page (up to a minute). */
export async function waitUntilServing(base: string): Promise<void> {
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/login`)).ok) return;
    } catch {
      // not listening yet
    }
    if (i > 600) throw new Error(`the server at ${base} did not start`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** An operator's session cookie and week07's consumer token, as the benchmarks send them. */
export function benchCredentials() {
  return {
    cookie: `pd_session=${signSession({ email: "operator@example.com", v: 1, exp: Date.now() + 3_600_000 }, BENCH_SESSION_SECRET)}`,
    bearer: { authorization: `Bearer ${process.env.WEEK07_CONSUMER_TOKEN ?? "week07-consumer-demo-token"}` },
  };
}
