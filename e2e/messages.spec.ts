// What a page sends the browser of the catalogs: exactly the namespaces its client components read (derived from
// the code by scripts/client-messages.mjs), in the reader's language — not the whole catalog (the CLI's help, every
// other page's texts) in every page's HTML, and no catalog in the JavaScript it loads.
import type { APIRequestContext, Page } from "@playwright/test";
import { scanClientMessages } from "../scripts/client-messages.mjs";
import fs from "node:fs";
import { pickMessages, type Messages } from "@/lib/i18n/pick";
import { executedWindow, expect, screenshotsInBothLanguages, test, signIn } from "./fixtures";

const { entries } = scanClientMessages();
// Read as files: Playwright loads a spec's imports as plain ES modules, where JSON needs an import attribute.
const read = (file: string): Messages => JSON.parse(fs.readFileSync(file, "utf8"));
const CATALOGS = { en: read("lib/i18n/messages/en.json"), "zh-CN": read("lib/i18n/messages/zh-CN.json") };

/** The message at `key` (`namespace.key`) of a catalog. */
function messageAt(catalog: Messages, key: string): string {
  let node: Messages | string = catalog;
  for (const part of key.split(".")) {
    if (typeof node === "string" || !(part in node)) throw new Error(`the catalog has no message ${key}`);
    node = node[part]!;
  }
  if (typeof node !== "string") throw new Error(`${key} is a namespace, not a message`);
  return node;
}

/** Every `messages` object the page's HTML hands a provider, read from the React payload Next.js inlines in it. */
function shippedMessages(html: string): unknown[] {
  // The payload travels as string literals in `self.__next_f.push([1,"…"])` scripts.
  const flight = [...html.matchAll(/self\.__next_f\.push\(\[1,("(?:[^"\\]|\\.)*")\]\)/g)]
    .map((m): string => JSON.parse(m[1]!))
    .join("");
  const found: unknown[] = [];
  for (let at = flight.indexOf('"messages":{'); at >= 0; at = flight.indexOf('"messages":{', at + 1)) {
    const start = at + '"messages":'.length;
    let depth = 0;
    let end = start;
    for (let inString = false; end < flight.length; end++) {
      const c = flight[end];
      if (inString) {
        if (c === "\\") end++;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === "{") depth++;
      else if (c === "}" && --depth === 0) break;
    }
    // React escapes a string that starts with "$" as "$$".
    found.push(
      JSON.parse(flight.slice(start, end + 1), (_, v: unknown) =>
        typeof v === "string" && v.startsWith("$$") ? v.slice(1) : v,
      ),
    );
  }
  return found;
}

/** A message only the CLI prints: in the browser's code it means a whole catalog came along. */
const CATALOG_ONLY = [
  messageAt(CATALOGS.en, "cli.approveNeedsPlan"),
  messageAt(CATALOGS["zh-CN"], "cli.approveNeedsPlan"),
];

async function expectShipsOnly(request: APIRequestContext, url: string, file: string, locale: "en" | "zh-CN") {
  const response = await request.get(url, { headers: { "accept-language": locale } });
  expect(response.status(), url).toBe(200);
  const html = await response.text();
  // The root layout's provider, and the page's own when its client components read messages.
  const expected = [entries["app/layout"] ?? [], ...(entries[file] ? [entries[file]] : [])].map((namespaces) =>
    JSON.stringify(pickMessages(CATALOGS[locale], namespaces)),
  );
  expect(
    shippedMessages(html)
      .map((m) => JSON.stringify(m))
      .sort(),
    `${url} (${file}) in ${locale}`,
  ).toEqual(expected.sort());
  // …and the JavaScript it loads carries no catalog.
  const scripts = [...html.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1]!);
  expect(scripts.length, url).toBeGreaterThan(0);
  for (const src of scripts) {
    const code = await (await request.get(src)).text();
    expect(
      CATALOG_ONLY.filter((m) => code.includes(m)),
      `${url} loads ${src}`,
    ).toEqual([]);
  }
}

let ids: { plan: string; backfill: number; run: number };

// A plan, a backfill and its runs of our own, on days no other spec of this store plans.
test.beforeAll(async ({ browser }) => {
  ids = await executedWindow(browser, "2026-03-10", "2026-03-11");
});

/** Every page, with the route file the scan knows it by. */
const PAGES: [file: string, url: () => string][] = [
  ["app/page", () => "/"],
  ["app/partitions/[key]/page", () => "/partitions/2026-04-17"],
  ["app/plans/page", () => "/plans"],
  ["app/plans/[id]/page", () => `/plans/${ids.plan}`],
  ["app/backfills/page", () => "/backfills"],
  ["app/backfills/[id]/page", () => `/backfills/${ids.backfill}`],
  ["app/runs/[id]/page", () => `/runs/${ids.run}`],
  ["app/evidence/page", () => "/evidence"],
  ["app/evidence/[runId]/page", () => `/evidence/${ids.run}`],
  ["app/manifests/page", () => "/manifests"],
  ["app/deliveries/page", () => "/deliveries"],
  ["app/workers/page", () => "/workers"],
  ["app/drills/page", () => "/drills"],
  ["app/strategy/page", () => "/strategy"],
  ["app/audit/page", () => "/audit"],
];

test("the sign-in page ships its form's messages only, in the reader's language", async ({ page }) => {
  for (const locale of ["zh-CN", "en"] as const)
    await expectShipsOnly(page.request, "/login", "app/login/page", locale);
});

test("every page ships exactly the messages its client components read, and no catalog in its JavaScript", async ({
  page,
}) => {
  // A page the scan knows needs messages and this list lacks would go unchecked.
  for (const file of Object.keys(entries).filter((f) => f.endsWith("/page") && f !== "app/login/page"))
    expect(
      PAGES.map(([f]) => f),
      `${file} is missing from PAGES`,
    ).toContain(file);
  await signIn(page, "operator@example.com");
  for (const [file, url] of PAGES)
    await test.step(file, () => expectShipsOnly(page.request, url(), file, file === "app/page" ? "zh-CN" : "en"));
});

test("a page's client components show their messages after a navigation in the browser", async ({ page }) => {
  // The root layout's provider is not rendered again on a client-side navigation: each page brings its own.
  await signIn(page, "operator@example.com", "/manifests");
  await page
    .getByRole("navigation")
    .getByRole("link", { name: /^Evidence: / })
    .click();
  await expect(page).toHaveURL(/\/evidence$/);
  // The queue's table is a client component: its state filter reads the evidenceQueue and reviewState namespaces.
  await expect(page.getByRole("table")).toBeVisible();
  await expectNoMissingMessage(page);
  await page.getByRole("navigation").getByRole("link", { name: "Plans", exact: true }).click();
  await expect(page).toHaveURL(/\/plans$/);
  await expect(page.getByRole("table")).toBeVisible();
  await expectNoMissingMessage(page);
});

/** next-intl shows a message it lacks as its key: no `namespace.key` of the catalog may show. */
async function expectNoMissingMessage(page: Page) {
  const shown = await page.locator("main").innerText();
  const keys = Object.entries(CATALOGS.en).flatMap(([ns, tree]) =>
    typeof tree === "string" ? [] : Object.keys(tree).map((k) => `${ns}.${k}`),
  );
  expect(keys.filter((k) => shown.includes(k))).toEqual([]);
}

test("the pages whose client components name assets, in both languages at 1024 and 390 px (screenshots)", async ({
  page,
  browser,
}) => {
  // A reviewer: the backfill's bulk review, which names each check's asset, is shown to those who may decide.
  await signIn(page, "reviewer@example.com");
  const shots: [name: string, url: string, ready: (p: Page, locale: "zh-CN" | "en") => Promise<void>][] = [
    [
      "messages-calendar",
      "/",
      (p, locale) =>
        expect(
          p.getByRole("group", { name: locale === "en" ? /^Raw ticket events/ : /^原始工单事件/ }).first(),
        ).toBeVisible(),
    ],
    ["messages-backfill", `/backfills/${ids.backfill}`, (p) => expect(p.getByRole("checkbox").first()).toBeVisible()],
    ["messages-evidence-queue", "/evidence", (p) => expect(p.getByRole("table")).toBeVisible()],
    ["messages-login", "/login", (p) => expect(p.getByRole("textbox").first()).toBeVisible()],
  ];
  for (const [name, url, ready] of shots)
    await screenshotsInBothLanguages(page, browser, name, async (p, locale) => {
      await p.goto(url);
      await ready(p, locale);
      await expectNoMissingMessage(p);
    });
});
