// Every process starts here: a bad configuration or recovery policy stops it at once with a message naming
// the variable or the rule (the web server, the worker; the CLI stops on a bad configuration with exit code 2 and
// reports a broken policy as a refusal).
import { config, ConfigError, type Config } from "@/lib/config";
import { policy, PolicyError } from "@/lib/policy";

export function checkStartup(): void {
  configOrExit(1);
  try {
    policy();
  } catch (e) {
    if (e instanceof PolicyError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
}

/** The configuration; a bad one ends the process with `exitCode` and the message naming each variable, on stderr. */
export function configOrExit(exitCode: number): Config {
  try {
    return config();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(exitCode);
    }
    throw e;
  }
}
