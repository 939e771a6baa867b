import type { APIRequestContext, Page } from "@playwright/test";
import { expect, test, secondApproval, signIn } from "./fixtures";

const TOKEN = { authorization: "Bearer week07-consumer-demo-token" };

async function consumable(request: APIRequestContext, key: string) {
  const res = await request.get(`/api/consumption/${key}?consumer=week07`, { headers: TOKEN });
  expect(res.status()).toBe(200);
  return (await res.json()) as { consumable: boolean; reason: string; evidence_id: number | null };
}

test("the lead backfills 2026-04-17, is refused approval of that run, a reviewer approves, downstream flips to consumable", async ({
  page,
  browser,
  request,
}) => {
  await signIn(page, "lead@example.com", "/partitions/2026-04-17");
  await page.getByRole("region", { name: "Recovery" }).getByRole("button", { name: "Plan backfill" }).click();
  await page.getByRole("button", { name: "Execute this plan" }).click();
  await expect(page.getByRole("region", { name: "Status: completed" })).toBeVisible({ timeout: 60_000 });
  const cell = page.getByRole("link", { name: /^2026-04-17 done \(run \d+\)$/ });
  // The cell links its run (its name says the run in words: a name from content, not an aria-label).
  const runId = /\/runs\/(\d+)$/.exec((await cell.getAttribute("href"))!)![1]!;
  expect(await consumable(request, "2026-04-17")).toMatchObject({
    consumable: false,
    reason: expect.stringMatching(/^held: silver is pending_review/),
  });

  // The lead holds the reviewer role, but started this run: Approve is off, with the reason — and the server refuses it.
  await page.goto(`/evidence/${runId}`);
  await expect(page.getByRole("note")).toContainText("You started this run, so you may not approve it");
  await expect(page.getByRole("button", { name: "Approve…" })).toBeDisabled();
  const refused = await page.request.post(`/api/evidence/${runId}/review`, { data: { decision: "approved" } });
  expect(refused.status()).toBe(403);
  expect(await refused.json()).toEqual({
    message: `lead@example.com started run ${runId} and may not approve its evidence; another reviewer must`,
    code: "forbidden",
  });
  await page.screenshot({ path: "test-results/screenshots/evidence-refused.png", fullPage: true });

  // Another reviewer: lands on the queue, reads the summary above the decision, confirms, and releases.
  const reviewerContext = await browser.newContext({ ...test.info().project.use });
  const reviewer = await reviewerContext.newPage();
  await reviewer.goto("/login");
  await reviewer.getByLabel("Email").fill("reviewer@example.com");
  await reviewer.getByLabel("Password").fill("partition-desk-demo");
  await reviewer.getByRole("button", { name: "Sign in" }).click();
  await expect(reviewer).toHaveURL(/\/evidence$/);
  await expect(reviewer.getByRole("link", { name: /^Evidence: \d+ runs? awaiting review$/ })).toBeVisible();
  await reviewer.getByRole("link", { name: `Run #${runId}` }).click();
  const steps = reviewer.getByRole("list", { name: "Where this partition stands" });
  await expect(steps).toContainText("✓ evidence");
  await expect(steps).toContainText("→ reviewed");
  await expect(reviewer.getByRole("region", { name: "Summary" })).toContainText("Silver ticket facts: 0 → 3 rows");
  const checks = reviewer.getByRole("region", { name: "Checks (failures first)" });
  await expect(checks.getByRole("row")).toHaveCount(16);
  await reviewer.getByRole("button", { name: "Approve…" }).click();
  await expect(reviewer.getByRole("group", { name: "Confirm approval" })).toContainText(
    `Approve run #${runId} of 2026-04-17? This releases Raw ticket events, Silver ticket facts, Partition report of 2026-04-17 to week07 and week08.`,
  );
  await reviewer.getByRole("button", { name: "Yes, approve and release 2026-04-17" }).click();
  await expect(steps).toContainText("✓ released");
  await expect(reviewer.getByRole("region", { name: "Decision" })).toContainText(
    /Next awaiting review: run #\d+|No other run awaits review/,
  );
  await reviewer.screenshot({ path: "test-results/screenshots/evidence-approved.png", fullPage: true });
  await reviewerContext.close();

  expect(await consumable(request, "2026-04-17")).toMatchObject({
    consumable: true,
    reason: expect.stringMatching(/^released: evidence \d+ of run \d+ approved by reviewer@example.com$/),
  });
});

test("rejecting needs a reason, given in the form", async ({ page }) => {
  await signIn(page, "reviewer@example.com", "/evidence?state=awaiting+review&partition=2026-04-28");
  await page
    .getByRole("link", { name: /^Run #\d+$/ })
    .first()
    .click();
  await page.getByRole("button", { name: "Reject" }).click();
  // Said once, beside the field.
  await expect(page.getByText("a reason is required to reject evidence")).toHaveCount(1);
  await page.getByLabel("Reason (required to reject)").fill("priorities look off for P1 tickets");
  await page.getByRole("button", { name: "Reject" }).click();
  await expect(page.getByRole("list", { name: "Where this partition stands" })).toContainText(
    "rejected by reviewer@example.com",
  );
  await expect(page.getByRole("region", { name: "Decision" })).toContainText("Quarantined");
});

test("a viewer's direct POST to an action is refused, and the consumption API needs its token; every refusal is audited", async ({
  page,
  request,
}) => {
  expect((await request.get("/api/consumption/2026-04-17?consumer=week07")).status()).toBe(401);
  expect(
    (
      await request.get("/api/consumption/2026-04-17?consumer=week07", { headers: { authorization: "Bearer nope" } })
    ).status(),
  ).toBe(401);
  expect((await request.get("/api/consumption/2026-04-17?consumer=week09", { headers: TOKEN })).status()).toBe(400);

  await signIn(page, "viewer@example.com");
  const plan = await page.request.post("/api/plans", { data: { partition: "2026-03-24" } });
  expect(plan.status()).toBe(403);
  expect(await plan.json()).toEqual({
    message: "viewer@example.com (viewer) may not plan: policy rule roles.plan allows operator",
    code: "forbidden",
  });
  const review = await page.request.post("/api/evidence/1/review", { data: { decision: "approved" } });
  expect(review.status()).toBe(403);
  expect((await page.request.post("/api/plans/0123456789abcdef/execute")).status()).toBe(403);

  await page.goto("/audit?outcome=refused");
  const table = page.getByRole("table");
  await expect(table.getByRole("row", { name: /viewer@example.com authorize\.plan plan refused/ })).toBeVisible();
  await expect(table.getByRole("row", { name: /viewer@example.com authorize\.review/ })).toBeVisible();
  await expect(table.getByRole("row", { name: /viewer@example.com authorize\.execute/ })).toBeVisible();
  await expect(
    table.getByRole("row", { name: /anonymous authorize\.read \/api\/consumption\/2026-04-17 refused/ }).first(),
  ).toBeVisible();
  await expect(table.getByRole("row", { name: /lead@example.com review\.approved/ })).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/audit.png", fullPage: true });
});

/** Runs the drill `kind` on a partition from the drills page, as an operator would: preview, apply, confirm. */
async function drill(page: Page, kind: string, key: string) {
  await page.goto("/drills");
  const form = page.getByRole("form", { name: `Drill ${kind}` });
  await form.getByLabel("Partition").fill(key);
  await form.getByRole("button", { name: "Preview" }).click();
  await form.getByRole("button", { name: "Apply…" }).click();
  await form.getByRole("button", { name: `Yes, apply to partition ${key}` }).click();
  await expect(form.getByRole("status")).toContainText(/Drill \d+ applied:/);
}

/** Executes the plan `page` shows and waits for its backfill; returns its one run's id. */
async function executeShown(page: Page): Promise<number> {
  await page.getByRole("button", { name: /^Execute this plan/ }).click();
  const withdraw = page.getByRole("button", { name: /^Yes, execute and withdraw/ });
  if (await withdraw.isVisible()) await withdraw.click();
  await expect(page.getByRole("region", { name: "Status: completed" })).toBeVisible({ timeout: 15_000 });
  const id = /\/backfills\/(\d+)$/.exec(page.url())![1];
  const progress = (await (await page.request.get(`/api/backfills/${id}`)).json()) as {
    partitions: { runId: number }[];
  };
  return progress.partitions[0]!.runId;
}

test("the evidence page says released only when the consumption API does: a report rebuild, then silver quarantined under it", async ({
  page,
  browser,
  request,
}) => {
  const key = "2026-04-22";
  await signIn(page, "operator@example.com", "/drills");
  await drill(page, "move_report_aside", key);
  await page.goto(`/partitions/${key}`);
  await page.getByRole("region", { name: "Recovery" }).getByRole("button", { name: "Plan backfill" }).click();
  await expect(page.getByRole("region", { name: "What it will do" })).toContainText(`report-only rebuild of ${key}`);
  const runId = await executeShown(page);

  const reviewer = await (await browser.newContext({ ...test.info().project.use })).newPage();
  await signIn(reviewer, "reviewer@example.com", `/evidence/${runId}`);
  // What changed: the report existed before this run (the scheduled build), so it is no "first build".
  await expect(reviewer.getByRole("region", { name: "What changed (before → after)" })).toContainText(
    /Partition report: a file, not compared ticket by ticket: 0 → \d+ tickets \(run \d+ built it earlier\)\./,
  );
  await expect(reviewer.getByRole("region", { name: "What changed (before → after)" })).not.toContainText(
    "first build",
  );
  await reviewer.getByRole("button", { name: "Approve…" }).click();
  await reviewer.getByRole("button", { name: `Yes, approve and release ${key}` }).click();
  const steps = reviewer.getByRole("list", { name: "Where this partition stands" });
  await expect(steps).toContainText("✓ released");
  expect(await consumable(request, key)).toMatchObject({ consumable: true });
  await reviewer.screenshot({ path: "test-results/screenshots/evidence-released.png", fullPage: true });

  // Silver is rewritten under the released report (a drill nulls its priorities): downstream is held — and the
  // report run's evidence page says exactly what the API says, instead of "released · downstream may consume".
  await drill(page, "corrupt_priorities", key);
  await expect
    .poll(async () => (await consumable(request, key)).reason, { timeout: 15_000 })
    .toMatch(/^held: silver is quarantined/);
  const held = await consumable(request, key);
  expect(held.consumable).toBe(false);
  await reviewer.reload();
  await expect(steps).not.toContainText("✓ released");
  await expect(steps).toContainText("held: silver is quarantined");
  await expect(reviewer.getByLabel("What downstream may consume")).toContainText(held.reason);
  await reviewer.screenshot({ path: "test-results/screenshots/evidence-held-under-release.png", fullPage: true });
  await reviewer.context().close();
});

test("superseded evidence says so at the top, offers no decision, and links the latest run; run tables and the queue agree", async ({
  page,
  browser,
}) => {
  const key = "2026-04-19";
  await signIn(page, "operator@example.com", `/partitions/${key}`);
  await page.getByRole("region", { name: "Recovery" }).getByRole("button", { name: "Plan rerun" }).click();
  await expect(page).toHaveURL(/\/plans\/[0-9a-f]{16}$/);
  await secondApproval(page, browser);
  const first = await executeShown(page);
  await page.goto(`/partitions/${key}`);
  await page.getByRole("region", { name: "Recovery" }).getByRole("button", { name: "Plan rerun" }).click();
  await expect(page).toHaveURL(/\/plans\/[0-9a-f]{16}$/);
  const second = await executeShown(page);

  const reviewer = await (await browser.newContext({ ...test.info().project.use })).newPage();
  await signIn(reviewer, "reviewer@example.com", `/evidence/${first}`);
  const banner = reviewer.getByRole("note").filter({ hasText: "Superseded" });
  await expect(banner).toContainText(`Superseded: run #${second} rewrote what this run built`);
  await expect(banner.getByRole("link", { name: `The latest run that rewrote it is run #${second}` })).toHaveAttribute(
    "href",
    `/evidence/${second}`,
  );
  await expect(reviewer.getByRole("button", { name: "Approve…" })).toHaveCount(0);
  await expect(reviewer.getByRole("button", { name: "Reject" })).toHaveCount(0);
  await expect(reviewer.getByRole("list", { name: "Where this partition stands" })).toContainText(
    `superseded by run ${second}`,
  );
  await reviewer.screenshot({ path: "test-results/screenshots/evidence-superseded.png", fullPage: true });
  await banner.getByRole("link").click();
  await expect(reviewer).toHaveURL(new RegExp(`/evidence/${second}$`));
  await expect(reviewer.getByRole("button", { name: "Approve…" })).toBeEnabled();
  await reviewer.screenshot({ path: "test-results/screenshots/evidence-awaiting.png", fullPage: true });

  // The partition page lists the replaced run as superseded (with the run to review), not as awaiting review.
  await reviewer.goto(`/partitions/${key}`);
  const runs = reviewer.getByRole("table").filter({ hasText: `#${first}` });
  await expect(runs.getByRole("row", { name: new RegExp(`^#${first} `) })).toContainText(
    `superseded: review run #${second}`,
  );
  await expect(runs.getByRole("row", { name: new RegExp(`^#${second} `) })).toContainText("awaiting review");
  // The queue shows it superseded; the navigation's count is the queue's.
  await reviewer.goto(`/evidence?partition=${key}&state=superseded`);
  await expect(reviewer.getByRole("row", { name: new RegExp(`Run #${first}`) })).toContainText("superseded");
  await reviewer.goto("/evidence?state=awaiting+review");
  const nav = await reviewer
    .getByRole("link", { name: /^Evidence: \d+ runs? awaiting review$/ })
    .getAttribute("aria-label");
  const listed = await reviewer.getByRole("link", { name: /^Run #\d+$/ }).count();
  expect(Number(/(\d+)/.exec(nav!)![1])).toBe(listed);
  await expect(reviewer.getByRole("link", { name: `Run #${first}`, exact: true })).toHaveCount(0);
  await reviewer.context().close();
});
