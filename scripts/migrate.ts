// npm run db:migrate — apply committed migrations to DATABASE_URL.
import { config } from "@/lib/config";
import { migrate } from "@/lib/migrate";

const { databaseFile } = config();
const { applied, alreadyApplied } = migrate(databaseFile);
console.log(`migrations: ${applied.length} applied, ${alreadyApplied.length} already applied (${databaseFile})`);
