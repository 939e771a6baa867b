// The /plans table state as it lives in the URL: sort, filters and page, each with a default.
import { z } from "zod";

export const PLAN_SORT_COLUMNS = ["createdAt", "partitionKey", "recoveryAction", "status", "operator", "expectedCount"] as const;

export const plansQuerySchema = z.object({
  sort: z.enum(PLAN_SORT_COLUMNS).catch("createdAt").default("createdAt"),
  dir: z.enum(["asc", "desc"]).catch("desc").default("desc"),
  partition: z.string().trim().max(10).catch("").default(""),
  action: z.string().trim().max(20).catch("").default(""),
  status: z.string().trim().max(20).catch("").default(""),
  page: z.coerce.number().int().min(1).catch(1).default(1),
});

export type PlansQuery = z.infer<typeof plansQuerySchema>;
