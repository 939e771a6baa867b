// Runs once when the server starts. The Node-only part lives in its own module so the Edge bundle stays clean.
import type { Instrumentation } from "next";

export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") await import("./instrumentation-node");
}

/**
 * A request that failed with an error (answered 500) names itself in the server's log — method, path and route —
 * beside Next.js's own report of the error. The browser tests fail a spec on such a line (e2e/fixtures.ts).
 */
export const onRequestError: Instrumentation.onRequestError = (error, request, context) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(
    `request failed: ${request.method} ${request.path} (${context.routeType} ${context.routePath}): ${message}`,
  );
};
