// npm run db:migrate — apply committed migrations to DATABASE_URL.
import { migrateStore } from "@/lib/migrate-store";
import { closeStore } from "@/lib/close-store";

const { applied, alreadyApplied, where } = await migrateStore();
console.log(`migrations: ${applied.length} applied, ${alreadyApplied.length} already applied (${where})`);
await closeStore();
