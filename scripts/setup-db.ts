// Migrate DATABASE_URL and seed the starting scenario when the database is empty (used by demo and e2e).
import { config } from "@/lib/config";
import { migrateStore } from "@/lib/migrate-store";
import { isEmpty, seedScenario } from "@/lib/seed";
import { closeStore } from "@/lib/close-store";

const { applied, where } = await migrateStore();
console.log(`database ${where}: ${applied.length} migrations applied`);
if (!config().demo) {
  // Outside demo mode nothing is seeded: no scenario, no demo accounts with a published password.
  console.log(
    "not in demo mode: no scenario seeded; make the first administrator with `npm run -s cli -- user add EMAIL --name NAME --roles admin`, then add users as them",
  );
} else if (await isEmpty()) {
  await seedScenario((line) => console.log(`  ${line}`));
  console.log("seeded the Week06 starting scenario");
} else {
  console.log("database already holds data: not seeding");
}
await closeStore();
