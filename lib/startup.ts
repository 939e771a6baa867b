// Every process starts here: a bad configuration or recovery policy stops it at once with a message naming
// the variable or the rule (the web server, the worker; the CLI reports the same errors as refusals).
import { config, ConfigError } from "@/lib/config";
import { policy, PolicyError } from "@/lib/policy";

export function checkStartup(): void {
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
}
