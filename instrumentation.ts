// Runs once when the server starts. The Node-only part lives in its own module so the Edge bundle stays clean.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") await import("./instrumentation-node");
}
