// Server start: a bad configuration or recovery policy stops it here, naming the variable or the rule; then the runner
// marks runs a previous process left unfinished as interrupted and resumes the queue.
import { config, ConfigError } from "@/lib/config";
import { policy, PolicyError } from "@/lib/policy";

try {
  config();
  policy();
} catch (e) {
  if (e instanceof ConfigError || e instanceof PolicyError) {
    console.error(e.message);
    process.exit(1);
  }
  throw e;
}

const { startRunner } = await import("@/lib/pipeline/runner");
await startRunner();
