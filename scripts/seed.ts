// npm run db:seed — produce the fixtures' starting scenario in an empty, migrated database.
import { config } from "@/lib/config";
import { migrate } from "@/lib/migrate";
import { AlreadySeededError, seedScenario } from "@/lib/seed";

migrate(config().databaseFile);
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
