import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PARTITIONED_ASSETS } from "@/lib/domain/assets";
import { CHECK_NAMES } from "@/lib/domain/checks";
import { validatePolicy } from "@/lib/policy/validate";

const committed = JSON.parse(fs.readFileSync(path.resolve("lib/policy/recovery-policy.json"), "utf8")) as Record<
  string,
  unknown
>;
const ctx = { assets: PARTITIONED_ASSETS, checks: CHECK_NAMES, defaultPartition: "2026-04-17" };

describe("the recovery policy", () => {
  it("as committed is valid", () => {
    const result = validatePolicy(committed, ctx);
    expect(result.ok).toBe(true);
  });

  it.each([
    [
      "an unknown asset",
      {
        assets: {
          ...(committed.assets as object),
          "week06/gold/x": { retry: true, rerun: true, replay: true, backfill: true, restore: true },
        },
      },
      'assets["week06/gold/x"]: no such asset',
    ],
    [
      "a missing asset",
      {
        assets: {
          "week06/ingestion/raw_ticket_events_partitioned": (committed.assets as Record<string, unknown>)[
            "week06/ingestion/raw_ticket_events_partitioned"
          ],
        },
      },
      'assets["week06/silver/ticket_fact_partitioned"]: missing',
    ],
    [
      "an unknown check",
      { required_checks: { ...(committed.required_checks as object), restore: ["row_count_vibes"] } },
      'required_checks.restore[0]: no check named "row_count_vibes"',
    ],
    [
      "another default partition",
      { default_partition: "2026-04-18" },
      "default_partition: 2026-04-18 differs from WEEK06_DEFAULT_PARTITION (2026-04-17)",
    ],
    ["an unknown role", { roles: { ...(committed.roles as object), plan: ["root"] } }, "roles.plan[0]:"],
    [
      "operators administering users",
      { roles: { ...(committed.roles as object), administer_users: ["admin", "operator"] } },
      "roles.administer_users: only admin may administer users (not operator)",
    ],
    [
      "viewers reviewing",
      { roles: { ...(committed.roles as object), review: ["viewer"] } },
      "roles.review: a viewer may not review",
    ],
    ["a missing rule", { never_delete: undefined }, "never_delete:"],
    [
      "a never-delete reason in one language only",
      { never_delete: [{ object: { "zh-CN": "主表", en: "main table" }, why: "main table" }] },
      "never_delete[0].why:",
    ],
    ["an unknown rule", { delete_everything: true }, '(policy): Unrecognized key: "delete_everything"'],
  ])("with %s is rejected, naming the rule", (_what, change, message) => {
    const result = validatePolicy({ ...committed, ...change }, ctx);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.problems.join("\n")).toContain(message);
  });
});
