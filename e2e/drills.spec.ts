import path from "node:path";
import Database from "better-sqlite3";
import type { Page } from "@playwright/test";
import { STORES } from "../playwright.config";
import { expect, test, screenshotsInBothLanguages, signIn } from "./fixtures";

test("an operator previews a drill, applies exactly what was previewed after confirming, sees the gap, and reverts it", async ({
  page,
}) => {
  await signIn(page, "operator@example.com", "/drills");
  const drill = page.getByRole("form", { name: "Drill move_report_aside" });
  await drill.getByLabel("Partition").fill("2026-04-24");
  await expect(drill.getByRole("button", { name: "Apply…" })).toBeDisabled(); // nothing previewed yet
  await drill.getByRole("button", { name: "Preview" }).click();
  await expect(drill.getByRole("status")).toContainText("Preview of partition 2026-04-24 — nothing has changed yet:");
  await expect(drill.getByRole("status")).toContainText("Main tables are not deleted or truncated");
  await expect(drill.getByLabel("Partition")).toHaveValue("2026-04-24"); // the form kept what was typed
  await page.goto("/");
  await expect(page.getByRole("link", { name: "2026-04-24 Partition report Released", exact: true })).toBeVisible();

  await page.goto("/drills");
  await drill.getByLabel("Partition").fill("2026-04-24");
  await drill.getByRole("button", { name: "Preview" }).click();
  await drill.getByRole("button", { name: "Apply…" }).click();
  await expect(drill.getByRole("group", { name: "Confirm drill move_report_aside" })).toContainText(
    "apply it to partition 2026-04-24",
  );
  await drill.getByRole("button", { name: "Yes, apply to partition 2026-04-24" }).click();
  await expect(drill.getByRole("status")).toContainText(/Drill \d+ applied:/);
  await page.screenshot({ path: "test-results/screenshots/drills.png", fullPage: true });
  await page.goto("/");
  await expect(page.getByRole("link", { name: "2026-04-24 Partition report Missing", exact: true })).toBeVisible();

  await page.goto("/drills");
  const row = page
    .getByRole("region", { name: /Drill history/ })
    .getByRole("row", { name: /move_report_aside 2026-04-24/ });
  await row.getByRole("link", { name: "Revert…" }).click();
  const revert = page.getByRole("form", { name: /^Revert drill \d+$/ });
  await revert.getByRole("button", { name: "Preview revert" }).click();
  await expect(revert.getByRole("status")).toContainText("No rows change.");
  await revert.getByRole("button", { name: "Revert…" }).click();
  await revert.getByRole("button", { name: "Yes, revert partition 2026-04-24" }).click();
  await expect(revert.getByRole("status")).toContainText("Reverted: moved");
  await expect(row).toContainText("reverted");
  await page.goto("/");
  await expect(page.getByRole("link", { name: "2026-04-24 Partition report Released", exact: true })).toBeVisible();
});

/** A corrupt_priorities drill applied from its form, its run left to the worker: silver of `key` is quarantined. */
async function corruptPriorities(page: Page, key: string): Promise<number> {
  await page.goto("/drills");
  const drill = page.getByRole("form", { name: "Drill corrupt_priorities" });
  await drill.getByLabel("Partition").fill(key);
  await drill.getByRole("button", { name: "Preview" }).click();
  await drill.getByRole("button", { name: "Apply…" }).click();
  await drill.getByRole("button", { name: `Yes, apply to partition ${key}` }).click();
  await expect(drill.getByRole("status")).toContainText(/Drill \d+ applied/);
  const drillId = Number(/Drill (\d+) applied/.exec((await drill.getByRole("status").textContent())!)![1]);
  await expect.poll(() => silverStatus(page, key), { timeout: 20_000 }).toBe("quarantined");
  return drillId;
}

async function silverStatus(page: Page, key: string): Promise<string> {
  const body = (await (await page.request.get(`/api/partitions/${key}`)).json()) as {
    assets: { asset: string; status: string }[];
  };
  return body.assets.find((a) => a.asset === "week06/silver/ticket_fact_partitioned")!.status;
}

/** What a revert could change in the recovery store: its runs, plans, drills and the partition rows. */
function storeFingerprint(): string {
  const db = new Database(path.join(STORES.recovery.dir, "e2e.db"), { readonly: true, fileMustExist: true });
  try {
    return [
      "Run",
      "Plan",
      "Backfill",
      "Drill",
      "Snapshot",
      "Materialization",
      "PartitionState",
      "PartitionLock",
      "Evidence",
      "Review",
      "RawTicketEvent",
      "SilverTicketFact",
    ]
      .map((t) => `${t} ${JSON.stringify(db.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).all())}`)
      .join("\n");
  } finally {
    db.close();
  }
}

test("a drill's revert is previewed, then confirmed naming the partition, and executes a restore plan", async ({
  page,
  browser,
}) => {
  const key = "2026-04-12";
  await signIn(page, "operator@example.com", "/drills");
  const drillId = await corruptPriorities(page, key);
  await page.goto("/drills");
  await page
    .getByRole("region", { name: /Drill history/ })
    .getByRole("row", { name: new RegExp(`#${drillId} corrupt_priorities ${key}`) })
    .getByRole("link", { name: "Revert…" })
    .click();
  await expect(page).toHaveURL(new RegExp(`/drills\\?revert=${drillId}#revert-heading$`));
  const revert = page.getByRole("form", { name: `Revert drill ${drillId}` });
  await expect(revert.getByRole("button", { name: "Revert…" })).toBeDisabled(); // nothing previewed yet
  await revert.getByRole("button", { name: "Preview revert" }).click();
  const status = revert.getByRole("status");
  await expect(status).toContainText(`Preview of the revert of partition ${key} — nothing has changed yet:`);
  await expect(status).toContainText(
    new RegExp(
      `Returns Silver ticket facts of ${key} to snapshot #\\d+, taken before the drill's run \\d+: \\d+ rows\\.`,
    ),
  );
  await expect(status).toContainText(/tickets change \(priority ×\d+\)/);
  const planId = /Through plan ([0-9a-f]{16})/.exec((await status.textContent())!)![1]!;
  await expect(revert.getByRole("link", { name: `Open plan ${planId}` })).toBeVisible();
  expect(await silverStatus(page, key)).toBe("quarantined"); // the preview changed nothing
  await revert.getByRole("button", { name: "Revert…" }).click();
  await expect(revert.getByRole("group", { name: `Confirm revert of drill ${drillId}` })).toHaveText(
    new RegExp(`Revert drill #${drillId} \\(corrupt_priorities\\) on partition ${key}, exactly as previewed below\\?`),
  );
  await screenshotsInBothLanguages(page, browser, "drill-revert-confirm", async (p, locale) => {
    await p.goto(`/drills?revert=${drillId}`);
    const form = p.getByRole("form", { name: locale === "en" ? `Revert drill ${drillId}` : `撤销演练 ${drillId}` });
    await form.getByRole("button", { name: locale === "en" ? "Preview revert" : "预览撤销" }).click();
    await form.getByRole("button", { name: locale === "en" ? "Revert…" : "撤销…" }).click();
    await expect(form.getByRole("group")).toBeVisible();
  });
  await revert.getByRole("button", { name: `Yes, revert partition ${key}` }).click();
  await expect(status).toContainText(
    new RegExp(`Reverted: executed plan ${planId} as backfill #\\d+: run \\d+ \\(restore of ${key}\\)`),
  );
  // A planned write like any recovery: its run restores the rows, its evidence waits for a reviewer.
  await expect.poll(() => silverStatus(page, key), { timeout: 20_000 }).toBe("pending_review");
  await page.goto(`/plans/${planId}`);
  await expect(page.getByRole("heading", { name: `Plan: restore ${key}` })).toBeVisible();
  await expect(page.getByText(/ · status executed · /)).toBeVisible();
});

test("a revert is refused, naming the later run, once the partition was written again; nothing changes", async ({
  page,
  browser,
}) => {
  const key = "2026-04-13";
  await signIn(page, "operator@example.com", "/drills");
  const drillId = await corruptPriorities(page, key);
  await page.goto(`/drills?revert=${drillId}`);
  const revert = page.getByRole("form", { name: `Revert drill ${drillId}` });
  await revert.getByRole("button", { name: "Preview revert" }).click();
  await expect(revert.getByRole("status")).toContainText("Through plan");
  // Meanwhile someone else recovers the partition from its partition page's actions: a restore of their own.
  const context = await browser.newContext({ ...test.info().project.use });
  const other = await context.newPage();
  await signIn(other, "lead@example.com");
  const plan = (await (
    await other.request.post("/api/plans", { data: { partition: key, action: "restore" } })
  ).json()) as { plan_id: string };
  const executed = await other.request.post(`/api/plans/${plan.plan_id}/execute`, { data: {} });
  expect(executed.status(), await executed.text()).toBe(202);
  const {
    run_ids: [laterRun],
    backfill_id: backfill,
  } = (await executed.json()) as {
    run_ids: number[];
    backfill_id: number;
  };
  // Its run finished (evidence written, backfill settled) before the store is fingerprinted.
  await expect
    .poll(
      async () => ((await (await other.request.get(`/api/backfills/${backfill}`)).json()) as { status: string }).status,
      {
        timeout: 20_000,
      },
    )
    .toBe("completed");
  await context.close();
  expect(await silverStatus(page, key)).toBe("pending_review");

  const before = storeFingerprint();
  await revert.getByRole("button", { name: "Revert…" }).click();
  await revert.getByRole("button", { name: `Yes, revert partition ${key}` }).click();
  await expect(revert.getByRole("status")).toContainText(
    `drill ${drillId} is not reverted: run ${laterRun} wrote ${key} after this drill (1 run since), and reverting would overwrite what it wrote. Use the recovery actions on the partition page of ${key} instead.`,
  );
  expect(storeFingerprint()).toBe(before);
  await revert.getByRole("link", { name: `Open the recovery actions of ${key}` }).click();
  await expect(page).toHaveURL(new RegExp(`/partitions/${key}$`));
  await screenshotsInBothLanguages(page, browser, "drill-revert-refused", async (p, locale) => {
    await p.goto(`/drills?revert=${drillId}`);
    const form = p.getByRole("form", { name: locale === "en" ? `Revert drill ${drillId}` : `撤销演练 ${drillId}` });
    await form.getByRole("button", { name: locale === "en" ? "Preview revert" : "预览撤销" }).click();
    await expect(
      form.getByRole("link", { name: locale === "en" ? /^Open the recovery actions/ : /^打开 .* 的恢复操作$/ }),
    ).toBeVisible();
  });
  expect(storeFingerprint()).toBe(before);
});

test("Apply never acts on inputs that were not previewed: a changed date needs a new preview", async ({ page }) => {
  await signIn(page, "operator@example.com", "/drills");
  const drill = page.getByRole("form", { name: "Drill move_report_aside" });
  await drill.getByLabel("Partition").fill("2026-03-02");
  await drill.getByRole("button", { name: "Preview" }).click();
  await expect(drill.getByRole("status")).toContainText("Preview of partition 2026-03-02");
  await expect(drill.getByLabel("Partition")).toHaveValue("2026-03-02");
  await expect(drill.getByRole("button", { name: "Apply…" })).toBeEnabled();
  // The default partition typed over the previewed one: Apply is off until it is previewed too.
  await drill.getByLabel("Partition").fill("2026-04-17");
  await expect(drill.getByRole("button", { name: "Apply…" })).toBeDisabled();
  await expect(drill.getByRole("status")).toContainText("the inputs have changed since: preview again");
  await page.screenshot({ path: "test-results/screenshots/drill-preview-stale.png", fullPage: true });
  await page.goto("/");
  await expect(page.getByRole("link", { name: "2026-03-02 Partition report Released", exact: true })).toBeVisible();
});

test("a drill with a bad target is refused at its preview", async ({ page }) => {
  await signIn(page, "operator@example.com", "/drills");
  const drill = page.getByRole("form", { name: "Drill move_report_aside" });
  await drill.getByLabel("Partition").fill("2026-05-10");
  await drill.getByRole("button", { name: "Preview" }).click();
  await expect(drill.getByRole("status")).toHaveText(
    "2026-05-10..2026-05-10 is outside the partitions definition 2026-03-01..2026-04-30",
  );
  await expect(drill.getByRole("button", { name: "Apply…" })).toBeDisabled();
});

test("the strategy page is generated from the policy and the store, and downloads as Markdown", async ({ page }) => {
  await signIn(page, "viewer@example.com", "/strategy");
  await expect(page.getByRole("heading", { name: "Week06 recovery strategy", level: 1 })).toBeVisible();
  await expect(
    page.getByRole("region", { name: "The five recovery actions, side by side" }).getByRole("row"),
  ).toHaveCount(6);
  await expect(page.getByRole("region", { name: "Self-check, against the live system" })).toContainText(
    "Why not a full rerun by default?",
  );
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download Markdown (course headings)" }).click();
  const file = await (await download).path();
  const text = (await import("node:fs")).readFileSync(file, "utf8");
  expect(text).toContain("- 默认 partition: 2026-04-17");
  expect(text).toContain("- dry-run report path:");
  await page.screenshot({ path: "test-results/screenshots/strategy.png", fullPage: true });
});
