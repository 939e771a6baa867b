// A bad configuration stops the server at start, naming the variable (see .env.example).
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
