// npm run db:seed — produce the fixtures' starting scenario in an empty, migrated database.
import { migrateStore } from "@/lib/migrate-store";
import { AlreadySeededError, seedScenario } from "@/lib/seed";
import { closeStore } from "@/lib/close-store";

// The scenario and its demo accounts are the demo: these scripts run in demo mode (config is read on first use).
process.env.PARTITION_DESK_DEMO = "1";
await migrateStore();
try {
  await seedScenario((line) => console.log(line));
  console.log("seeded the Week06 starting scenario");
} catch (e) {
  if (e instanceof AlreadySeededError) {
    console.error(`db:seed: ${e.message}`);
    process.exit(2);
  }
  throw e;
}
await closeStore();
