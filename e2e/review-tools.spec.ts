// The lesson's last details and the reviewer's tools, as operators and reviewers meet them: the empty-input gate,
// four eyes on a plan that rewrites released data, the before/after diff, bulk review, deliveries. This store's
// calendar reaches 2026-05-01, a day no manifest covers.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { Browser, Page } from "@playwright/test";
import { STORES } from "../playwright.config";
import { expect, test, signIn } from "./fixtures";

/** Where a run's evidence file is, as the store recorded it. */
function evidenceFileOf(runId: number): string {
  const db = new Database(path.join(STORES.tools.dir, "e2e.db"), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(`SELECT path FROM "Evidence" WHERE runId = ?`).pluck().get(runId) as string;
  } finally {
    db.close();
  }
}

interface Progress {
  status: string;
  partitions: { partitionKey: string; runId: number; status: string }[];
}

/** Waits on the backfill page `page` shows until it completed; returns its runs. */
async function completed(page: Page): Promise<Progress["partitions"]> {
  await expect(page).toHaveURL(/\/backfills\/\d+$/);
  await expect(page.getByRole("region", { name: "Status: completed" })).toBeVisible({ timeout: 60_000 });
  const id = /\/backfills\/(\d+)$/.exec(page.url())![1];
  return ((await (await page.request.get(`/api/backfills/${id}`)).json()) as Progress).partitions;
}

async function as(browser: Browser, email: string, next = "/"): Promise<Page> {
  const context = await browser.newContext({ ...test.info().project.use });
  const page = await context.newPage();
  await signIn(page, email, next);
  return page;
}

test("an empty day's backfill is refused with the lesson's guidance, then planned, executed and reviewed once attested", async ({
  page,
}) => {
  await signIn(page, "operator@example.com", "/?from=2026-04-25&to=2026-05-01");
  const gap = page.getByRole("region", { name: /needs? recovery/ }).getByRole("row", { name: /2026-05-01/ });
  await gap.getByRole("button", { name: "Plan backfill" }).click();
  await expect(gap.getByRole("status")).toContainText(
    "expected_input_count is 0 for 2026-05-01: check that the upstream really has records for that date before building it",
  );
  await expect(gap.getByRole("status")).toContainText(
    "If the day truly has no data, attest that with a reason (on the partition page",
  );
  await expect(page).toHaveURL(/\/\?from=/); // refused: no plan was made

  await page.goto("/partitions/2026-05-01");
  await expect(
    page.getByRole("status").filter({ hasText: "No valid manifest has records for 2026-05-01" }),
  ).toContainText("A backfill from nothing is refused until you do.");
  await page
    .getByLabel(/truly has no data, because/)
    .fill("upstream confirmed: the helpdesk was closed on Labour Day (OPS-501)");
  await page.screenshot({ path: "test-results/screenshots/partition-attest-empty.png", fullPage: true });
  await page.getByRole("button", { name: "Plan backfill of an empty day" }).click();
  await expect(page.getByRole("heading", { name: "Plan: backfill 2026-05-01" })).toBeVisible();
  await expect(page.getByRole("region", { name: "What it will do" })).toContainText(
    "dry_run_ticket_ingest_for_partition",
  );
  await expect(page.getByRole("region", { name: "The plan, field by field" })).toContainText(
    "by operator@example.com: “upstream confirmed: the helpdesk was closed on Labour Day (OPS-501)”",
  );
  await page.screenshot({ path: "test-results/screenshots/plan-attested-empty.png", fullPage: true });
  await page.getByRole("button", { name: "Execute this plan" }).click();
  const [run] = await completed(page);
  expect(run).toMatchObject({ partitionKey: "2026-05-01", status: "succeeded" });

  await page.goto(`/evidence/${run!.runId}`);
  await expect(page.getByRole("note").filter({ hasText: "Attested empty at plan time" })).toContainText(
    "upstream confirmed: the helpdesk was closed on Labour Day (OPS-501)",
  );
  await expect(
    page
      .getByRole("table")
      .filter({ hasText: "input_present" })
      .getByRole("row", { name: /input_present/ })
      .first(),
  ).toContainText("no input, attested");
});

test("a plan that rewrites a released partition waits for a second person: the planner cannot approve it, a reviewer does, then it executes", async ({
  page,
  browser,
}) => {
  await signIn(page, "operator@example.com", "/partitions/2026-04-20");
  await page.getByRole("region", { name: "Recovery" }).getByRole("button", { name: "Plan rerun" }).click();
  await expect(page).toHaveURL(/\/plans\/[0-9a-f]{16}$/);
  const planId = /\/plans\/([0-9a-f]{16})$/.exec(page.url())![1]!;
  const approval = page.getByRole("region", { name: "Second approval needed" });
  await expect(approval).toContainText(
    "it rewrites 1 released partition (2026-04-20): policy rule blast_radius.released_rewrite_needs_second_approval",
  );
  await expect(approval).toContainText(
    "You made this plan: another operator or reviewer must approve it before it executes.",
  );
  await expect(page.getByRole("button", { name: "Execute this plan" })).toBeDisabled();
  await page.screenshot({ path: "test-results/screenshots/plan-awaits-second-approval.png", fullPage: true });
  // The server refuses the planner's own approval and an execution before approval, whatever the page shows.
  const own = await page.request.post(`/api/plans/${planId}/approve`, { data: { reason: "I am sure" } });
  expect(own.status()).toBe(403);
  expect(await own.json()).toEqual({
    message: `operator@example.com made plan ${planId} and may not approve it; another person must`,
    code: "forbidden",
  });
  const early = await page.request.post(`/api/plans/${planId}/execute`, { data: { confirm_withdraw: true } });
  expect(early.status()).toBe(409);
  expect(((await early.json()) as { message: string }).message).toMatch(/needs a second person's approval/);

  const reviewer = await as(browser, "reviewer@example.com", `/plans/${planId}`);
  const form = reviewer.getByRole("form", { name: "Approve this plan" });
  await form.getByLabel(/Why this rewrite is right/).fill("04-20 silver must pick up the corrected priority mapping");
  await form.getByRole("button", { name: "Approve this plan" }).click();
  // The page redraws with the approval in place of the form.
  await expect(reviewer.getByRole("region", { name: "Second approval given" })).toContainText(
    "Approved by reviewer@example.com",
  );
  await expect(reviewer.getByRole("region", { name: "Second approval given" })).toContainText(
    "04-20 silver must pick up the corrected priority mapping",
  );
  await reviewer.context().close();

  await page.reload();
  await expect(page.getByRole("region", { name: "Second approval given" })).toContainText(
    "Approved by reviewer@example.com",
  );
  await page.getByRole("button", { name: "Execute this plan…" }).click();
  await page.getByRole("button", { name: "Yes, execute and withdraw 1 partition" }).click();
  const [run] = await completed(page);
  expect(run).toMatchObject({ partitionKey: "2026-04-20", status: "succeeded" });
});

test("the evidence of the 2026-03-15 replay shows what changed: 5 tickets added, 0 removed", async ({ page }) => {
  await signIn(page, "operator@example.com", "/partitions/2026-03-15");
  await page.getByRole("region", { name: "Recovery" }).getByRole("button", { name: "Plan replay" }).click();
  await expect(page.getByRole("heading", { name: "Plan: replay 2026-03-15" })).toBeVisible();
  await page.getByRole("button", { name: /^Execute this plan/ }).click();
  if (await page.getByRole("button", { name: /^Yes, execute/ }).isVisible())
    await page.getByRole("button", { name: /^Yes, execute/ }).click();
  const [run] = await completed(page);
  await page.goto(`/evidence/${run!.runId}`);
  const diff = page.getByRole("region", { name: "What changed (before → after)" });
  await expect(diff.getByLabel("Diff counts of Silver ticket facts")).toContainText(
    "5 added · 0 removed · 0 changed · 23 unchanged",
  );
  await expect(diff.getByLabel("Diff counts of Raw ticket events")).toContainText("5 added · 0 removed");
  await expect(diff.getByRole("table").first().getByRole("row", { name: /added/ })).toHaveCount(5);
  await diff.scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/screenshots/evidence-diff.png", fullPage: true });
});

test("bulk review of the 2026-03-22..24 window: the lead may not approve their own runs, each run shows its checks, the gate's refusals read as not approved", async ({
  page,
  browser,
}) => {
  await signIn(page, "lead@example.com");
  const form = page.getByRole("region", { name: "Plan a backfill window" });
  await form.getByLabel("From").fill("2026-03-22");
  await form.getByLabel("To").fill("2026-03-24");
  await form.getByRole("button", { name: "Plan window" }).click();
  await expect(page.getByRole("region", { name: /Partitions \(3 of 3 included\)/ })).toBeVisible();
  await page.getByRole("button", { name: "Execute this plan" }).click();
  const runs = (await completed(page)).sort((a, b) => a.partitionKey.localeCompare(b.partitionKey));
  expect(runs.map((r) => r.partitionKey)).toEqual(["2026-03-22", "2026-03-23", "2026-03-24"]);
  const backfill = page.url();

  // The lead started these runs: Approve is off, saying why (as on a single run's page); each row shows its checks.
  await expect(page.getByRole("heading", { name: "Review the window (3 awaiting review)" })).toBeVisible({
    timeout: 60_000,
  });
  const bulk = page.getByRole("region", { name: /Review the window/ });
  await expect(bulk.getByText("your run")).toHaveCount(3);
  await expect(bulk.getByRole("note")).toContainText("Every selected run is your own (3): you may not approve them");
  await expect(bulk.getByRole("button", { name: "Approve selected (3)…" })).toBeDisabled();
  await expect(bulk.getByRole("button", { name: "Reject selected (3)" })).toBeEnabled();
  for (const key of ["2026-03-23", "2026-03-24"])
    await expect(bulk.getByRole("row", { name: new RegExp(key) })).toContainText(
      "warning: first_response_present (Silver ticket facts)",
    );
  await expect(bulk.getByRole("row", { name: /2026-03-22/ })).not.toContainText("warning");
  await page.screenshot({ path: "test-results/screenshots/bulk-review-own.png", fullPage: true });
  // The server refuses them anyway, each with why.
  const own = await page.request.post("/api/evidence/review", {
    data: { run_ids: runs.map((r) => r.runId), decision: "approved" },
  });
  expect(((await own.json()) as { reviewed: unknown[]; refused: { why: string }[] }).refused.map((r) => r.why)).toEqual(
    runs
      .map((r) => r.runId)
      .sort((a, b) => a - b)
      .map((runId) => `lead@example.com started run ${runId} and may not approve its evidence; another reviewer must`),
  );

  // A reviewer approves all three; one evidence file was changed on disk meanwhile, so the gate refuses that one:
  // it is "not approved", with why — not "rejected", which only a reviewer does.
  const reviewer = await as(browser, "reviewer@example.com", new URL(backfill).pathname);
  await expect(reviewer.getByRole("heading", { name: "Review the window (3 awaiting review)" })).toBeVisible();
  const tampered = await evidenceFileOf(runs[0]!.runId);
  const original = fs.readFileSync(tampered, "utf8");
  fs.chmodSync(tampered, 0o644);
  fs.writeFileSync(tampered, original.replace('"expected_input_count": ', '"expected_input_count": 1'));
  const theirs = reviewer.getByRole("region", { name: /Review the window/ });
  try {
    await theirs
      .getByLabel(/One reason for every selected run/)
      .fill("window counts match the manifests; checks green");
    await theirs.getByRole("button", { name: "Approve selected (3)…" }).click();
    await theirs.getByRole("button", { name: "Yes, approve 3 runs" }).click();
    await expect(theirs.getByText("2 approved; 1 not approved: the review gate refused it (why below).")).toBeVisible();
    await expect(
      theirs.getByRole("heading", { name: "Not approved — the review gate refused, with why" }),
    ).toBeVisible();
    await expect(theirs.getByRole("list", { name: "Runs the review gate refused" })).toContainText(
      `run #${runs[0]!.runId} (2026-03-22): evidence`,
    );
    await expect(theirs.getByRole("list", { name: "Runs the review gate refused" })).toContainText(
      "cannot be reviewed: the evidence file was changed after it was written",
    );
    await reviewer.screenshot({ path: "test-results/screenshots/bulk-review-refused.png", fullPage: true });
  } finally {
    fs.writeFileSync(tampered, original);
    fs.chmodSync(tampered, 0o444);
  }
  // The file restored, the last run is approved like the others.
  await expect(reviewer.getByRole("heading", { name: "Review the window (1 awaiting review)" })).toBeVisible();
  await theirs.getByRole("button", { name: "Approve selected (1)…" }).click();
  await theirs.getByRole("button", { name: "Yes, approve 1 run" }).click();
  await expect(theirs.getByText("1 approved.")).toBeVisible();
  await expect(reviewer.getByRole("heading", { name: "Review the window (0 awaiting review)" })).toBeVisible();
  await reviewer.screenshot({ path: "test-results/screenshots/bulk-review-approved.png", fullPage: true });
  // One audit line per run, each with the one reason; the window is consumable downstream.
  const consumption = (await (
    await reviewer.request.get("/api/consumption?consumer=week07&from=2026-03-22&to=2026-03-24")
  ).json()) as { consumable: number };
  expect(consumption.consumable).toBe(3);
  await reviewer.goto("/audit?action=review.approved&actor=reviewer@");
  for (const r of runs)
    await expect(
      reviewer.getByRole("row", { name: new RegExp(`reviewer@example.com review\\.approved.*${r.partitionKey}`) }),
    ).toHaveCount(1);
  await reviewer.context().close();
});

test("deliveries: the page says when no webhook is configured", async ({ page }) => {
  await signIn(page, "operator@example.com", "/deliveries");
  await expect(page.getByRole("region", { name: "Webhooks in the policy (0)" })).toContainText(
    "None: nobody is notified.",
  );
  await page.screenshot({ path: "test-results/screenshots/deliveries.png", fullPage: true });
});
