// Server start: a bad configuration stops it here, naming the variable (see .env.example); then the runner
// marks runs a previous process left unfinished as interrupted and resumes the queue.
import { config, ConfigError } from "@/lib/config";

try {
  config();
} catch (e) {
  if (e instanceof ConfigError) {
    console.error(e.message);
    process.exit(1);
  }
  throw e;
}

const { startRunner } = await import("@/lib/pipeline/runner");
await startRunner();
