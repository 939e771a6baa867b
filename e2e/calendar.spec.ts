import { expect, test, signIn } from "./fixtures";

const SILVER = "week06/silver/ticket_fact_partitioned";
// A day cell is named by the asset's name in the reader's language, not its path.
const SILVER_NAME = "Silver ticket facts";
const RAW_NAME = "Raw ticket events";

test.beforeEach(async ({ page }, testInfo) => {
  if (testInfo.title.startsWith("the read API")) return;
  await signIn(page, "viewer@example.com");
});

test("the calendar shows the seeded scenario, with a legend and the gaps listed", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Partition calendar" })).toBeVisible();
  const legend = page.getByRole("list", { name: "Legend" });
  for (const label of [
    "Released",
    "Pending review",
    "Missing",
    "Failed",
    "Stale",
    "Quarantined",
    "Default partition",
  ]) {
    await expect(legend.getByText(label, { exact: true })).toBeVisible();
  }
  for (const [key, asset, status] of [
    ["2026-04-17", SILVER_NAME, "Missing"],
    ["2026-03-22", RAW_NAME, "Missing"],
    ["2026-04-03", SILVER_NAME, "Failed"],
    ["2026-03-15", SILVER_NAME, "Stale"],
    ["2026-04-09", SILVER_NAME, "Quarantined"],
    ["2026-04-28", SILVER_NAME, "Pending review"],
    ["2026-03-01", SILVER_NAME, "Released"],
  ]) {
    await expect(page.getByRole("link", { name: `${key} ${asset} ${status}`, exact: true })).toBeVisible();
  }
  await expect(page.getByRole("heading", { name: "7 partitions need recovery" })).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/calendar.png", fullPage: true });
});

test("clicking 2026-04-17 opens its partition page with expected 3 and current 0", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("link", { name: `2026-04-17 ${SILVER_NAME} Missing`, exact: true }).click();
  await expect(page).toHaveURL(/\/partitions\/2026-04-17$/);
  await expect(page.getByRole("heading", { name: /Partition 2026-04-17/ })).toBeVisible();
  await expect(page.getByText("default partition", { exact: true })).toBeVisible();
  const silverRow = page.getByRole("region", { name: "Assets" }).getByRole("row", { name: /Silver ticket facts/ });
  await expect(silverRow).toContainText("Missing");
  await expect(silverRow).toContainText("0 / 3");
  await expect(silverRow).toContainText("missing_partition_report");
  await expect(page.getByRole("row", { name: /week06-seed-manifest-001/ })).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/partition-2026-04-17.png", fullPage: true });
});

test("a calendar cell is reachable and opened with the keyboard", async ({ page }) => {
  await page.goto("/");
  const cell = page.getByRole("link", { name: `2026-04-03 ${SILVER_NAME} Failed`, exact: true });
  await cell.focus();
  await expect(cell).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/partitions\/2026-04-03$/);
  await expect(
    page.getByRole("region", { name: "Assets" }).getByRole("row", { name: /Silver ticket facts/ }),
  ).toContainText("failed_run");
  await expect(page.getByRole("region", { name: "Runs" })).toContainText("SQLITE_BUSY: database is locked");
});

test("a partition page for a key that names no partition is a 404 that says what a partition is", async ({ page }) => {
  expect((await page.goto("/partitions/2026-04-17"))!.status()).toBe(200);
  // Outside the partitions definition, impossible, malformed: each a real 404, never a 200 saying "not found".
  for (const key of ["2026-05-03", "2026-02-28", "2026-02-30", "17-04-2026", "latest"]) {
    expect((await page.goto(`/partitions/${key}`))!.status(), key).toBe(404);
    await expect(page.getByRole("heading", { name: "Partition not found", level: 1 })).toBeVisible();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(
      "A partition is one UTC day of the partitions definition, written YYYY-MM-DD, from 2026-03-01 to 2026-04-30. This address names none of them.",
    );
  }
  await page.getByRole("link", { name: "Back to the calendar" }).click();
  await expect(page).toHaveURL(/\/$/);
});

test("a window that ends before it starts gets a specific message", async ({ page }) => {
  await page.goto("/?from=2026-04-10&to=2026-04-01");
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(
    "the window ends (2026-04-01) before it starts (2026-04-10)",
  );
});

test("the read API reports the scenario and refuses impossible dates", async ({ request }) => {
  expect((await request.get("/api/partitions/2026-04-17")).status()).toBe(401);
  expect(
    (
      await request.get("/api/partitions/2026-04-17", { headers: { authorization: "Bearer wrong-token-wrong-token" } })
    ).status(),
  ).toBe(401);
  const headers = { authorization: "Bearer week07-consumer-demo-token" };
  const all = await request.get("/api/partitions?from=2026-03-01&to=2026-04-30", { headers });
  expect(all.status()).toBe(200);
  const { partitions } = (await all.json()) as {
    partitions: {
      partition_key: string;
      asset: string;
      status: string;
      expected_input_count: number;
      current_output_count: number;
    }[];
  };
  const silver = Object.fromEntries(partitions.filter((p) => p.asset === SILVER).map((p) => [p.partition_key, p]));
  expect(silver["2026-04-17"]).toMatchObject({ status: "missing", expected_input_count: 3, current_output_count: 0 });
  expect(silver["2026-03-15"]).toMatchObject({ status: "stale", expected_input_count: 28 });
  expect(silver["2026-04-03"]!.status).toBe("failed");
  expect(silver["2026-04-09"]!.status).toBe("quarantined");
  expect(silver["2026-04-28"]!.status).toBe("pending_review");

  const one = await request.get("/api/partitions/2026-04-17", { headers });
  expect(((await one.json()) as { assets: unknown[] }).assets).toHaveLength(3);

  const bad = await request.get("/api/partitions/2026-02-30", { headers });
  expect(bad.status()).toBe(400);
  expect(await bad.json()).toEqual({ message: '"2026-02-30" is not a real calendar date', code: "invalid" });
  const backwards = await request.get("/api/partitions?from=2026-04-10&to=2026-04-01", { headers });
  expect(backwards.status()).toBe(400);
});

test("the rejected manifest is visible with each missing field named", async ({ page }) => {
  await page.goto("/manifests");
  const row = page.getByRole("row", { name: /week06-broken-manifest-003/ });
  await expect(row).toContainText("rejected");
  for (const field of ["source", "partition_window", "files[0].sha256", "files[0].record_count"])
    await expect(row).toContainText(field);
  await page.screenshot({ path: "test-results/screenshots/manifests.png", fullPage: true });
});
