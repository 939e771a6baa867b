// The /plans table state in the URL.
import { tableQuerySchema } from "@/contracts/table_query";

export const plansQuerySchema = tableQuerySchema(["createdAt", "partitionKey", "recoveryAction", "status", "operator", "expectedCount"], ["partition", "action", "status"], "createdAt");
