// The security suite: a corpus of hostile requests against a real server, each answered with its exact status and
// message — and each leaving the store as it was: every table's rows and the reports folder are compared before
// and after. Only the audit trail and the sign-in throttle counters may grow: they exist to record refused attempts
// (the audit's new rows must all be refusals). The server stands behind a trusted "proxy" (TRUST_PROXY), so every
// sign-in names its own client address and the throttle of one test never reaches another.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import type { Browser } from "@playwright/test";
import { signSession } from "@/lib/auth/session-token";
import { STORES, storeEnv } from "../playwright.config";
import { expect, test, DEMO_PASSWORD } from "./fixtures";
import { cli, serve } from "./processes";

const store = STORES.security;
const env = storeEnv(store);
const base = `http://127.0.0.1:${store.port}`;
const databaseFile = path.join(store.dir, "e2e.db");
const reportDir = path.join(store.dir, "reports", "week06");
const OWN_PASSWORD = "correct horse battery staple";
/** A deployment's own secrets (random, as `openssl rand -base64 24` prints them). */
const OWN_SECRETS = {
  SESSION_SECRET: "q8Zt2mW5vK0pL7xR3nB6yH1cF9dJ4sGa",
  EVIDENCE_SECRET: "Xw3Ne7Rb1Tk5Yh9Mp2Lq6Zc0Vd4Gf8Sj",
  WEEK07_CONSUMER_TOKEN: "c7Hn2Qe9Wr4Ty1Ui6Op3As8Df5Gh0JkL",
};
/** Run 55 (2026-04-28) is awaiting review in the seeded scenario. */
const PENDING_RUN = 55;

// ---------------------------------------------------------------------------------------------- the store

/** Rows that exist to record refused attempts: compared by what was added, not for equality. */
const RECORDS_OF_REFUSALS = new Set(["AuditEvent", "Throttle"]);
/** The worker's heartbeat moves while we watch: its rows are counted, not compared. */
const HEARTBEATS = new Set(["Worker"]);

function withStore<T>(read: (db: Database.Database) => T, readonly = true): T {
  const db = new Database(databaseFile, { readonly, fileMustExist: true });
  db.pragma("busy_timeout = 5000");
  try {
    return read(db);
  } finally {
    db.close();
  }
}

function reportsFolder(dir = reportDir, prefix = ""): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => {
      const rel = `${prefix}${e.name}`;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) return reportsFolder(full, `${rel}/`);
      return [`${rel} ${crypto.createHash("sha256").update(fs.readFileSync(full)).digest("hex")}`];
    })
    .sort();
}

interface Fingerprint {
  tables: Record<string, string>;
  reports: string[];
  auditId: number;
}

function fingerprint(): Fingerprint {
  return withStore((db) => {
    const names = db
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY name`,
      )
      .pluck()
      .all() as string[];
    const tables: Record<string, string> = {};
    for (const name of names) {
      if (RECORDS_OF_REFUSALS.has(name)) continue;
      const rows = db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all();
      tables[name] = HEARTBEATS.has(name)
        ? `${rows.length} rows`
        : `${rows.length} rows, sha256 ${crypto.createHash("sha256").update(JSON.stringify(rows)).digest("hex")}`;
    }
    const auditId = (db.prepare(`SELECT COALESCE(MAX(id), 0) FROM "AuditEvent"`).pluck().get() as number) ?? 0;
    return { tables, reports: reportsFolder(), auditId };
  });
}

/** The store is as it was; the audit gained only refusals, each bounded. */
function expectUnchanged(before: Fingerprint): void {
  const after = fingerprint();
  expect(after.tables).toEqual(before.tables);
  expect(after.reports).toEqual(before.reports);
  const added = withStore((db) =>
    db
      .prepare(`SELECT outcome, length(target) AS target, length(detail) AS detail FROM "AuditEvent" WHERE id > ?`)
      .all(before.auditId),
  ) as { outcome: string; target: number; detail: number }[];
  for (const row of added) {
    expect(row.outcome).toBe("refused");
    expect(row.target).toBeLessThanOrEqual(200);
    expect(row.detail).toBeLessThanOrEqual(2000);
  }
}

// ---------------------------------------------------------------------------------------------- who is asking

const who = {} as Record<"operator" | "reviewer" | "viewer" | "roleless" | "disabled" | "passwordChanged", string> & {
  viewerToken: string;
  planId: string;
};

let clients = 0;
/** A client address of its own (the trusted proxy reports it), so no two sign-ins share a throttle bucket. */
function freshClient(): string {
  clients += 1;
  return `198.51.100.${clients}`;
}

/** Signs in through the sign-in page and returns the session cookie's value. */
async function sessionOf(browser: Browser, email: string, password = DEMO_PASSWORD): Promise<string> {
  const context = await browser.newContext({ baseURL: base, extraHTTPHeaders: { "x-forwarded-for": freshClient() } });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname !== "/login" || url.searchParams.has("denied"));
  const cookie = (await context.cookies()).find((c) => c.name === "pd_session");
  await context.close();
  if (!cookie) throw new Error(`no session cookie for ${email}`);
  return cookie.value;
}

let adminToken: string | undefined;
/** The CLI as the demo's administrator (account administration needs one): its own token, from `user login`. */
function cliAsAdmin(args: string[], extra: Record<string, string> = {}): string {
  adminToken ??= (
    JSON.parse(cli(["user", "login", "admin@example.com"], { ...env, PARTITION_DESK_PASSWORD: DEMO_PASSWORD })) as {
      token: string;
    }
  ).token;
  return cli(args, { ...env, PARTITION_DESK_TOKEN: adminToken, PARTITION_DESK_PASSWORD: OWN_PASSWORD, ...extra });
}

/** A session cookie signed by us: with the server's key (read beside its database), or another. */
function minted(payload: { email: string; v?: number; exp?: number }, key?: string): string {
  const secret = key ?? fs.readFileSync(path.join(store.dir, "session-secret"), "utf8").trim();
  const v =
    payload.v ??
    (withStore((db) =>
      db.prepare(`SELECT sessionVersion FROM "User" WHERE email = ?`).pluck().get(payload.email),
    ) as number);
  return signSession({ email: payload.email, v, exp: payload.exp ?? Date.now() + 3_600_000 }, secret);
}

/** `user add`, unless an earlier attempt of this file (Playwright retries a failed file in a fresh worker) did. */
function addUserOnce(email: string, name: string, roles: string): void {
  const exists = withStore((db) => db.prepare(`SELECT 1 FROM "User" WHERE email = ?`).get(email));
  if (!exists) cliAsAdmin(["user", "add", email, "--name", name, "--roles", roles]);
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  addUserOnce("nobody@example.com", "Nora Noroles", "none");
  addUserOnce("leaver@example.com", "Lev Leaver", "operator");
  addUserOnce("mover@example.com", "Mo Mover", "operator");
  who.viewerToken = /pdt_[A-Za-z0-9_-]+/.exec(
    cliAsAdmin(["user", "token", "viewer@example.com", "--label", "hostile"]),
  )![0];
  who.operator = await sessionOf(browser, "operator@example.com");
  who.reviewer = await sessionOf(browser, "reviewer@example.com");
  who.viewer = await sessionOf(browser, "viewer@example.com");
  who.roleless = await sessionOf(browser, "nobody@example.com", OWN_PASSWORD);
  // Signed in before they were disabled / had their password changed; minted with the old version when retried.
  const disabledBefore =
    withStore((db) => db.prepare(`SELECT disabled FROM "User" WHERE email = 'leaver@example.com'`).pluck().get()) === 1;
  who.disabled = disabledBefore
    ? minted({ email: "leaver@example.com", v: 0 })
    : await sessionOf(browser, "leaver@example.com", OWN_PASSWORD);
  if (!disabledBefore) cliAsAdmin(["user", "disable", "leaver@example.com"]);
  who.passwordChanged = minted({ email: "mover@example.com", v: 0 });
  const moved = withStore((db) =>
    db.prepare(`SELECT sessionVersion FROM "User" WHERE email = 'mover@example.com'`).pluck().get(),
  ) as number;
  if (moved === 0) {
    who.passwordChanged = await sessionOf(browser, "mover@example.com", OWN_PASSWORD);
    cliAsAdmin(["user", "passwd", "mover@example.com"], { PARTITION_DESK_PASSWORD: `${OWN_PASSWORD} again` });
  }
  const planned = await send("POST", "/api/plans", { cookie: who.operator, json: { partition: "2026-04-03" } });
  expect(planned.status).toBe(201);
  who.planId = ((await planned.json()) as { plan_id: string }).plan_id;
});

// ---------------------------------------------------------------------------------------------- requests

interface Sent {
  cookie?: string;
  json?: unknown;
  body?: string | Uint8Array | ReadableStream<Uint8Array>;
  type?: string;
  headers?: Record<string, string>;
}

function send(
  method: string,
  pathname: string,
  { cookie, json, body, type, headers = {} }: Sent = {},
): Promise<Response> {
  const h: Record<string, string> = { ...headers };
  if (cookie !== undefined) h.cookie = `pd_session=${cookie}`;
  let payload = body;
  if (json !== undefined) {
    payload = JSON.stringify(json);
    h["content-type"] = "application/json";
  }
  if (type !== undefined) h["content-type"] = type;
  return fetch(`${base}${pathname}`, {
    method,
    headers: h,
    body: payload,
    redirect: "manual",
    ...(payload instanceof ReadableStream ? { duplex: "half" } : {}),
  } as RequestInit);
}

const SIGN_IN = "sign in first";
const CROSS = "cross-origin requests may not change anything here";
const approve = { decision: "approved" };
const EVIL = { origin: "http://evil.example" };
/** week07's own consumer token (the demo's published one). */
const WEEK07 = { authorization: "Bearer week07-consumer-demo-token" };
const CONSUMER_SCOPE =
  "the consumer token of week07 may only read the consumption and partition API (GET /api/consumption…, GET /api/partitions…)";
const may = (email: string, roles: string, permission: string, allowed: string) =>
  `${email} (${roles}) may not ${permission}: policy rule roles.${permission} allows ${allowed}`;

/** Every write the API offers, with a body it would accept from someone allowed. */
const WRITES: { name: string; path: () => string; json: unknown; permission: string; allowed: string }[] = [
  {
    name: "plan",
    path: () => "/api/plans",
    json: { partition: "2026-04-03" },
    permission: "plan",
    allowed: "operator",
  },
  {
    name: "execute a plan",
    path: () => `/api/plans/${who.planId}/execute`,
    json: {},
    permission: "execute",
    allowed: "operator",
  },
  {
    name: "approve evidence",
    path: () => `/api/evidence/${PENDING_RUN}/review`,
    json: approve,
    permission: "review",
    allowed: "reviewer",
  },
  {
    name: "pause a backfill",
    path: () => "/api/backfills/1",
    json: { control: "pause" },
    permission: "execute",
    allowed: "operator",
  },
  {
    name: "change a backfill's runs at once",
    path: () => "/api/backfills/1",
    json: { control: "concurrency", maxConcurrentRuns: 1 },
    permission: "execute",
    allowed: "operator",
  },
  {
    name: "cancel a run",
    path: () => `/api/runs/${PENDING_RUN}`,
    json: { control: "cancel" },
    permission: "execute",
    allowed: "operator",
  },
  {
    name: "approve a plan",
    path: () => `/api/plans/${who.planId}/approve`,
    json: { reason: "looks right" },
    permission: "approve_plan",
    allowed: "operator or reviewer",
  },
  {
    name: "approve evidence in bulk",
    path: () => "/api/evidence/review",
    json: { run_ids: [PENDING_RUN], ...approve },
    permission: "review",
    allowed: "reviewer",
  },
];

interface Hostile {
  name: string;
  send: () => Promise<Response>;
  status: number;
  /** The exact refusal message (JSON `message`, in the store's language: en), or for a redirect its Location. */
  error?: string;
  /** The exact plain-text answer (a page's form post, refused before it runs). */
  says?: string;
  location?: string;
}

const OVERSIZE = JSON.stringify({ partition: "2026-04-03", padding: "x".repeat(20_000) });
const HUGE_SIGN_IN = `email=viewer%40example.com&password=${"x".repeat(100_000)}`;

/** A server action's id in the build this suite runs against (Next.js's manifest of them). */
function serverActionId(name: string): string {
  const manifest = JSON.parse(fs.readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, { exportedName?: string }>;
  };
  const id = Object.entries(manifest.node).find(([, action]) => action.exportedName === name)?.[0];
  if (!id) throw new Error(`no server action named ${name} in this build`);
  return id;
}

const CORPUS: Hostile[] = [
  // Bodies: size, type, shape.
  {
    name: "a 20 KB plan request",
    send: () => send("POST", "/api/plans", { cookie: who.operator, body: OVERSIZE, type: "application/json" }),
    status: 413,
    error: `the request body is ${OVERSIZE.length} bytes; the limit is 16384`,
  },
  {
    name: "a 5 MB body from nobody",
    send: () => send("POST", "/api/plans", { body: "x".repeat(5 * 1024 * 1024), type: "application/json" }),
    status: 413,
    error: "the request body is 5242880 bytes; the limit is 16384",
  },
  {
    name: "a 20 KB body streamed without a length",
    send: () =>
      send("POST", "/api/plans", {
        cookie: who.operator,
        type: "application/json",
        body: new Blob([OVERSIZE]).stream(),
      }),
    status: 413,
    error: "the request body is over the limit of 16384 bytes",
  },
  {
    name: "JSON sent as text/plain",
    send: () =>
      send("POST", "/api/plans", { cookie: who.operator, body: '{"partition":"2026-04-03"}', type: "text/plain" }),
    status: 415,
    error: "send the body as application/json (not text/plain)",
  },
  {
    name: "an approval sent as text/plain (the no-cors CSRF shape)",
    send: () =>
      send("POST", `/api/evidence/${PENDING_RUN}/review`, {
        cookie: who.reviewer,
        body: JSON.stringify(approve),
        type: "text/plain;charset=UTF-8",
      }),
    status: 415,
    error: "send the body as application/json (not text/plain)",
  },
  {
    name: "a form-encoded plan request",
    send: () =>
      send("POST", "/api/plans", {
        cookie: who.operator,
        body: "partition=2026-04-03",
        type: "application/x-www-form-urlencoded",
      }),
    status: 415,
    error: "send the body as application/json (not application/x-www-form-urlencoded)",
  },
  {
    name: "a multipart plan request",
    send: () =>
      send("POST", "/api/plans", {
        cookie: who.operator,
        body: "--b\r\n\r\n--b--",
        type: "multipart/form-data; boundary=b",
      }),
    status: 415,
    error: "send the body as application/json (not multipart/form-data)",
  },
  {
    name: "a body without a Content-Type",
    send: () =>
      send("POST", "/api/plans", {
        cookie: who.operator,
        body: new TextEncoder().encode('{"partition":"2026-04-03"}'),
      }),
    status: 415,
    error: "send the body as application/json (not without a Content-Type)",
  },
  {
    name: "a body that is not JSON",
    send: () => send("POST", "/api/plans", { cookie: who.operator, body: '{"partition":', type: "application/json" }),
    status: 400,
    error: "the body is not valid JSON",
  },
  {
    name: "an approval with a field the API does not take",
    send: () =>
      send("POST", `/api/evidence/${PENDING_RUN}/review`, {
        cookie: who.reviewer,
        json: { ...approve, reviewer: "lead@example.com" },
      }),
    status: 400,
    error: 'body: Unrecognized key: "reviewer"',
  },
  {
    name: "a bulk review of 401 runs",
    send: () =>
      send("POST", "/api/evidence/review", {
        cookie: who.reviewer,
        json: { run_ids: Array.from({ length: 401 }, (_, i) => i + 1), ...approve },
      }),
    status: 400,
    error: "run_ids: at most 400 runs at once",
  },
  {
    name: "a bulk rejection without a reason",
    send: () =>
      send("POST", "/api/evidence/review", {
        cookie: who.reviewer,
        json: { run_ids: [PENDING_RUN], decision: "rejected" },
      }),
    status: 400,
    error: "reason: a reason is required to reject evidence",
  },
  {
    name: "a plan approval without a reason",
    send: () => send("POST", `/api/plans/${who.planId}/approve`, { cookie: who.reviewer, json: { reason: " " } }),
    status: 400,
    error: "reason: say why the rewrite is right (the approval is audited)",
  },
  {
    name: "a consumption range that ends before it starts",
    send: () => send("GET", "/api/consumption?consumer=week07&from=2026-04-10&to=2026-04-01", { cookie: who.viewer }),
    status: 400,
    error: "the window ends (2026-04-01) before it starts (2026-04-10)",
  },
  {
    name: "a consumption cursor that is not one",
    send: () => send("GET", "/api/consumption?consumer=week07&since=-1", { cookie: who.viewer }),
    status: 400,
    error: "since: since must be 0 or more",
  },
  ...["0x10", "1e3", "", " 1", "01", "1.0"].map((since) => ({
    name: `a consumption cursor spelled ${JSON.stringify(since)}`,
    send: () =>
      send("GET", `/api/consumption?consumer=week07&since=${encodeURIComponent(since)}`, { cookie: who.viewer }),
    status: 400,
    error: "since: since must be a cursor (next_since of the last answer, 0 the first time)",
  })),
  {
    name: "a backfill id spelled 1e1 (not backfill 10)",
    send: () => send("POST", "/api/backfills/1e1", { cookie: who.operator, json: { control: "pause" } }),
    status: 400,
    error: "id: not a backfill id",
  },
  {
    name: "a backfill's progress asked for as 0x1",
    send: () => send("GET", "/api/backfills/0x1", { cookie: who.viewer }),
    status: 400,
    error: "id: not a backfill id",
  },
  {
    name: "a run id with a leading zero",
    send: () => send("POST", `/api/runs/0${PENDING_RUN}`, { cookie: who.operator, json: { control: "cancel" } }),
    status: 400,
    error: "id: not a run id",
  },
  {
    name: "an approval of evidence 5.5e1",
    send: () => send("POST", "/api/evidence/5.5e1/review", { cookie: who.reviewer, json: approve }),
    status: 400,
    error: "runId: not a run id",
  },
  {
    name: "runs at once spelled 1e0",
    send: () =>
      send("POST", "/api/backfills/1", {
        cookie: who.operator,
        json: { control: "concurrency", maxConcurrentRuns: "1e0" },
      }),
    status: 400,
    error: "maxConcurrentRuns: max concurrent runs must be a whole number",
  },
  {
    name: "a consumption range and a cursor at once",
    send: () =>
      send("GET", "/api/consumption?consumer=week07&since=0&from=2026-04-01&to=2026-04-02", { cookie: who.viewer }),
    status: 400,
    error: "ask either for a range (from and to) or for what changed since a cursor (since), not both",
  },
  {
    name: "a decision that does not exist",
    send: () =>
      send("POST", `/api/evidence/${PENDING_RUN}/review`, {
        cookie: who.reviewer,
        json: { decision: "approved; DROP TABLE Review" },
      }),
    status: 400,
    error: "decision: decision must be approved or rejected",
  },

  {
    name: "a 100 KB sign-in (a page's form post)",
    send: () =>
      send("POST", "/login", {
        body: HUGE_SIGN_IN,
        type: "application/x-www-form-urlencoded",
        headers: { "next-action": serverActionId("signIn") },
      }),
    status: 413,
    says: `the request body is ${HUGE_SIGN_IN.length} bytes; the limit is 16384`,
  },

  // Cross-origin writes carrying a valid cookie.
  {
    name: "an approval from another site",
    send: () =>
      send("POST", `/api/evidence/${PENDING_RUN}/review`, { cookie: who.reviewer, json: approve, headers: EVIL }),
    status: 403,
    error: CROSS,
  },
  {
    name: "an approval from another app on localhost",
    send: () =>
      send("POST", `/api/evidence/${PENDING_RUN}/review`, {
        cookie: who.reviewer,
        json: approve,
        headers: { origin: "http://localhost:4999" },
      }),
    status: 403,
    error: CROSS,
  },
  {
    name: "an approval from a sandboxed frame (Origin: null)",
    send: () =>
      send("POST", `/api/evidence/${PENDING_RUN}/review`, {
        cookie: who.reviewer,
        json: approve,
        headers: { origin: "null" },
      }),
    status: 403,
    error: CROSS,
  },
  {
    name: "an approval marked cross-site by the browser",
    send: () =>
      send("POST", `/api/evidence/${PENDING_RUN}/review`, {
        cookie: who.reviewer,
        json: approve,
        headers: { "sec-fetch-site": "cross-site" },
      }),
    status: 403,
    error: CROSS,
  },
  {
    name: "an approval from a sibling subdomain (same-site)",
    send: () =>
      send("POST", `/api/evidence/${PENDING_RUN}/review`, {
        cookie: who.reviewer,
        json: approve,
        headers: { "sec-fetch-site": "same-site" },
      }),
    status: 403,
    error: CROSS,
  },
  {
    name: "the no-cors text/plain approval from another site",
    send: () =>
      send("POST", `/api/evidence/${PENDING_RUN}/review`, {
        cookie: who.reviewer,
        body: JSON.stringify(approve),
        type: "text/plain",
        headers: EVIL,
      }),
    status: 403,
    error: CROSS,
  },
  ...WRITES.filter((w) => w.permission !== "review").map((w) => ({
    name: `${w.name} from another site`,
    send: () => send("POST", w.path(), { cookie: who.operator, json: w.json, headers: EVIL }),
    status: 403,
    error: CROSS,
  })),

  // Cookies that are not a session.
  {
    name: "a cookie signed with another key",
    send: () =>
      send("POST", "/api/plans", {
        cookie: minted({ email: "lead@example.com", v: 0 }, "k".repeat(32)),
        json: { partition: "2026-04-03" },
      }),
    status: 401,
    error: SIGN_IN,
  },
  {
    name: "a cookie signed with an empty key",
    send: () =>
      send("POST", `/api/evidence/${PENDING_RUN}/review`, {
        cookie: minted({ email: "reviewer@example.com" }, ""),
        json: approve,
      }),
    status: 401,
    error: SIGN_IN,
  },
  {
    name: "an expired cookie",
    send: () =>
      send("POST", `/api/evidence/${PENDING_RUN}/review`, {
        cookie: minted({ email: "reviewer@example.com", exp: Date.now() - 1000 }),
        json: approve,
      }),
    status: 401,
    error: SIGN_IN,
  },
  {
    name: "a cookie from an older session version",
    send: () =>
      send("POST", "/api/plans", {
        cookie: minted({ email: "operator@example.com", v: -1 }),
        json: { partition: "2026-04-03" },
      }),
    status: 401,
    error: SIGN_IN,
  },
  {
    name: "a reviewer's cookie with the email swapped for the lead's",
    send: () => {
      const [, signature] = who.reviewer.split(".");
      const body = Buffer.from(
        JSON.stringify({ email: "lead@example.com", v: 0, exp: Date.now() + 3_600_000 }),
      ).toString("base64url");
      return send("POST", "/api/plans", { cookie: `${body}.${signature}`, json: { partition: "2026-04-03" } });
    },
    status: 401,
    error: SIGN_IN,
  },
  {
    name: "a cookie that is not a token",
    send: () => send("POST", "/api/plans", { cookie: "admin", json: { partition: "2026-04-03" } }),
    status: 401,
    error: SIGN_IN,
  },
  {
    name: "a 4 KB cookie",
    send: () => send("POST", "/api/plans", { cookie: "a".repeat(4000), json: { partition: "2026-04-03" } }),
    status: 401,
    error: SIGN_IN,
  },
  {
    name: "the cookie of a user whose password was changed",
    send: () => send("POST", "/api/plans", { cookie: who.passwordChanged, json: { partition: "2026-04-03" } }),
    status: 401,
    error: SIGN_IN,
  },
  {
    name: "the cookie of a disabled user",
    send: () => send("POST", "/api/plans", { cookie: who.disabled, json: { partition: "2026-04-03" } }),
    status: 401,
    error: SIGN_IN,
  },
  {
    name: "a read with a forged cookie",
    send: () =>
      send("GET", "/api/partitions/2026-04-17", {
        cookie: minted({ email: "viewer@example.com", v: 0 }, "k".repeat(32)),
      }),
    status: 401,
    error: SIGN_IN,
  },
  {
    name: "an approval with no cookie at all",
    send: () => send("POST", `/api/evidence/${PENDING_RUN}/review`, { json: approve }),
    status: 401,
    error: SIGN_IN,
  },

  // Tokens.
  {
    name: "a bearer token nobody issued",
    send: () =>
      send("POST", "/api/plans", {
        json: { partition: "2026-04-03" },
        headers: { authorization: `Bearer pdt_${"A".repeat(43)}` },
      }),
    status: 401,
    error: "the bearer token is not valid",
  },
  {
    name: "a consumer's token on a write",
    send: () => send("POST", "/api/plans", { json: { partition: "2026-04-03" }, headers: WEEK07 }),
    status: 403,
    error: CONSUMER_SCOPE,
  },
  {
    name: "the old shared consumer token (no consumer's any more)",
    send: () =>
      send("GET", "/api/consumption/2026-04-17?consumer=week07", {
        headers: { authorization: "Bearer week06-consumer-demo-token" },
      }),
    status: 401,
    error: "the bearer token is not valid",
  },
  // A consumer's token reads consumption and partitions, nothing else (evidence names people; backfills, runs and the
  // strategy are operators' business), and it says which consumer asks.
  ...[
    ["an evidence document", `/evidence/${PENDING_RUN}/file`],
    ["a backfill's progress", "/api/backfills/1"],
    ["the change token", "/api/changes"],
    ["the strategy", "/strategy/markdown"],
  ].map(([what, path]) => ({
    name: `a consumer's token reading ${what}`,
    send: () => send("GET", path!, { headers: WEEK07 }),
    status: 403,
    error: CONSUMER_SCOPE,
  })),
  {
    name: "week07's token asking as week08",
    send: () => send("GET", "/api/consumption/2026-04-17?consumer=week08", { headers: WEEK07 }),
    status: 403,
    error: "this token is the consumer token of week07: it may not ask as week08",
  },
  {
    name: "week07's token asking for a range as week08",
    send: () => send("GET", "/api/consumption?consumer=week08&from=2026-04-01&to=2026-04-02", { headers: WEEK07 }),
    status: 403,
    error: "this token is the consumer token of week07: it may not ask as week08",
  },
  {
    name: "a signed-in reader who names no consumer",
    send: () => send("GET", "/api/consumption/2026-04-17", { cookie: who.viewer }),
    status: 400,
    error: "name the consumer you ask for: consumer is one of week07, week08",
  },
  {
    name: "a viewer's API token on a write",
    send: () =>
      send("POST", "/api/plans", {
        json: { partition: "2026-04-03" },
        headers: { authorization: `Bearer ${who.viewerToken}` },
      }),
    status: 403,
    error: may("viewer@example.com", "viewer", "plan", "operator"),
  },

  // A viewer, and a user with no role, on every write.
  ...WRITES.map((w) => ({
    name: `a viewer: ${w.name}`,
    send: () => send("POST", w.path(), { cookie: who.viewer, json: w.json }),
    status: 403,
    error: may("viewer@example.com", "viewer", w.permission, w.allowed),
  })),
  ...WRITES.map((w) => ({
    name: `no role: ${w.name}`,
    send: () => send("POST", w.path(), { cookie: who.roleless, json: w.json }),
    status: 403,
    error: may("nobody@example.com", "no role", w.permission, w.allowed),
  })),
  {
    name: "no role: read a partition",
    send: () => send("GET", "/api/partitions/2026-04-17", { cookie: who.roleless }),
    status: 403,
    error: may("nobody@example.com", "no role", "read", "viewer or operator or reviewer or admin"),
  },
  {
    name: "no role: open the calendar",
    send: () => send("GET", "/", { cookie: who.roleless }),
    status: 307,
    location: "/login?denied=1",
  },
  {
    name: "a viewer asking about a run that does not exist (no existence oracle)",
    send: () => send("POST", "/api/evidence/999999/review", { cookie: who.viewer, json: approve }),
    status: 403,
    error: may("viewer@example.com", "viewer", "review", "reviewer"),
  },

  // Path- and SQL-shaped keys.
  {
    name: "a partition key that climbs the file system",
    send: () => send("GET", "/api/partitions/..%2F..%2Fetc%2Fpasswd", { cookie: who.viewer }),
    status: 400,
    error: '"../../etc/passwd" is not a partition key: expected a date as YYYY-MM-DD',
  },
  {
    name: "a partition key with SQL",
    send: () => send("GET", `/api/partitions/${encodeURIComponent("2026-04-17' OR '1'='1")}`, { cookie: who.viewer }),
    status: 400,
    error: `"2026-04-17' OR '1'='1" is not a partition key: expected a date as YYYY-MM-DD`,
  },
  {
    name: "a plan for ../../../etc/passwd",
    send: () => send("POST", "/api/plans", { cookie: who.operator, json: { partition: "../../../etc/passwd" } }),
    status: 400,
    error: 'partition: "../../../etc/passwd" is not a partition key: expected a date as YYYY-MM-DD',
  },
  {
    name: "a plan for a key with a DROP TABLE",
    send: () =>
      send("POST", "/api/plans", { cookie: who.operator, json: { partition: `2026-04-17'; DROP TABLE "Run"; --` } }),
    status: 400,
    error: `partition: "2026-04-17'; DROP TABLE \\"Run\\"; --" is not a partition key: expected a date as YYYY-MM-DD`,
  },
  {
    name: "a window whose end is SQL",
    send: () =>
      send("POST", "/api/plans", { cookie: who.operator, json: { from: "2026-03-01", to: "2026-03-02) OR (1=1" } }),
    status: 400,
    error: 'to: "2026-03-02) OR (1=1" is not a partition key: expected a date as YYYY-MM-DD',
  },
  {
    name: "a replay of a manifest id that is SQL",
    send: () =>
      send("POST", "/api/plans", {
        cookie: who.operator,
        json: { partition: "2026-03-15", action: "replay", manifest: "x' OR '1'='1" },
      }),
    status: 422,
    error: "replay needs a valid manifest covering 2026-03-15: x' OR '1'='1 is not one",
  },
  {
    name: "a run id that is SQL",
    send: () =>
      send("POST", `/api/runs/${encodeURIComponent("55 OR 1=1")}`, {
        cookie: who.operator,
        json: { control: "cancel" },
      }),
    status: 400,
    error: "id: not a run id",
  },
  {
    name: "a negative backfill id",
    send: () => send("POST", "/api/backfills/-1", { cookie: who.operator, json: { control: "pause" } }),
    status: 400,
    error: "id: not a backfill id",
  },
  {
    name: "runs at once past the bound",
    send: () =>
      send("POST", "/api/backfills/1", {
        cookie: who.operator,
        json: { control: "concurrency", maxConcurrentRuns: 9 },
      }),
    status: 400,
    error: "maxConcurrentRuns: max concurrent runs must be at most 8",
  },
  {
    name: "runs at once above one on SQLite (one writer)",
    send: () =>
      send("POST", "/api/backfills/1", {
        cookie: who.operator,
        json: { control: "concurrency", maxConcurrentRuns: 2 },
      }),
    status: 409,
    error:
      "backfill 1: this store is SQLite, which has one writer, so its runs go one at a time; more than one at once needs PostgreSQL",
  },
  {
    name: "runs at once without its number",
    send: () => send("POST", "/api/backfills/1", { cookie: who.operator, json: { control: "concurrency" } }),
    status: 400,
    error: "maxConcurrentRuns: maxConcurrentRuns goes with control concurrency, and only with it",
  },
  {
    name: "a run id past any integer",
    send: () => send("POST", "/api/evidence/1e999/review", { cookie: who.reviewer, json: approve }),
    status: 400,
    error: "runId: not a run id",
  },
  {
    name: "a plan id that climbs the file system",
    send: () =>
      send("POST", `/api/plans/${encodeURIComponent("../../e2e.db")}/execute`, { cookie: who.operator, json: {} }),
    status: 400,
    error: "id: not a plan id",
  },
  {
    name: "an evidence download that climbs the file system",
    send: () => send("GET", `/evidence/${encodeURIComponent("../../e2e.db")}/file`, { cookie: who.viewer }),
    status: 400,
    error: "runId: not a run id",
  },

  // Unicode and control characters.
  {
    name: "a partition key in full-width digits",
    send: () => send("POST", "/api/plans", { cookie: who.operator, json: { partition: "２０２６-０４-１７" } }),
    status: 400,
    error: 'partition: "２０２６-０４-１７" is not a partition key: expected a date as YYYY-MM-DD',
  },
  {
    name: "a partition key with a NUL",
    send: () => send("POST", "/api/plans", { cookie: who.operator, json: { partition: "2026-04-17\u0000" } }),
    status: 400,
    error: 'partition: "2026-04-17\\u0000" is not a partition key: expected a date as YYYY-MM-DD',
  },
  {
    name: "a partition key with a right-to-left override",
    send: () => send("POST", "/api/plans", { cookie: who.operator, json: { partition: "2026-04-17\u202e" } }),
    status: 400,
    error: 'partition: "2026-04-17\\u202e" is not a partition key: expected a date as YYYY-MM-DD',
  },
  {
    name: "a mode with a NUL",
    send: () =>
      send("POST", "/api/plans", { cookie: who.operator, json: { partition: "2026-04-17", mode: "dry-run\u0000" } }),
    status: 400,
    error: "Unsupported Week06 backfill mode: dry-run\\u0000 (expected dry-run or execute)",
  },
  {
    name: "an emoji for a recovery action",
    send: () => send("POST", "/api/plans", { cookie: who.operator, json: { partition: "2026-04-17", action: "🔥" } }),
    status: 400,
    error: "Unsupported recovery action: 🔥 (expected retry, rerun, replay, backfill, restore)",
  },
  {
    name: "a 300-character partition",
    send: () => send("POST", "/api/plans", { cookie: who.operator, json: { partition: "9".repeat(300) } }),
    status: 400,
    error: "partition: is longer than 200 characters",
  },
  {
    name: "a 1,001-character rejection reason",
    send: () =>
      send("POST", `/api/evidence/${PENDING_RUN}/review`, {
        cookie: who.reviewer,
        json: { decision: "rejected", reason: "é".repeat(1001) },
      }),
    status: 400,
    error: "reason: keep the reason under 1,000 characters",
  },
];

test.describe("hostile requests get a specific 4xx and change nothing", () => {
  test("the corpus holds at least 50 requests", () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(50);
  });

  for (const hostile of CORPUS) {
    test(hostile.name, async () => {
      const before = fingerprint();
      const response = await hostile.send();
      expect(response.status).toBe(hostile.status);
      if (hostile.location !== undefined)
        expect(
          new URL(response.headers.get("location")!, base).pathname +
            new URL(response.headers.get("location")!, base).search,
        ).toBe(hostile.location);
      if (hostile.error !== undefined)
        expect(((await response.json()) as { message: string }).message).toBe(hostile.error);
      if (hostile.says !== undefined) expect(await response.text()).toBe(hostile.says);
      expectUnchanged(before);
    });
  }
});

test.describe("the header's language switcher (a server action) changes only the caller's own choice", () => {
  /** The switcher form's action id, from a page as the signed-in user gets it. */
  async function switcherAction(cookie: string): Promise<string> {
    const html = await (await send("GET", "/", { cookie })).text();
    const form = /<form[^>]*class="language-switcher"[\s\S]*?<\/form>/.exec(html)?.[0] ?? "";
    const id = /name="(\$ACTION_ID_[0-9a-f]+)"/.exec(form)?.[1];
    if (!id) throw new Error("no server action in the language switcher's form");
    return id;
  }

  /** Posts the form as a browser without JavaScript would (to `pathname`: a page, or a path no route owns). */
  function choose(action: string, language: string, extra: Sent = {}, pathname = "/"): Promise<Response> {
    const form = new FormData();
    form.set(action, "");
    form.set("language", language);
    const body = new Response(form);
    return body
      .arrayBuffer()
      .then((bytes) =>
        send("POST", pathname, { ...extra, body: new Uint8Array(bytes), type: body.headers.get("content-type")! }),
      );
  }

  const localeOf = (email: string) =>
    withStore((db) => db.prepare(`SELECT locale FROM "User" WHERE email = ?`).pluck().get(email)) as string | null;

  const HOSTILE: { name: string; language: string; as: () => Sent; status: number; says?: string }[] = [
    { name: "a language we do not have", language: "xx", as: () => ({ cookie: who.viewer }), status: 200 },
    { name: "10,000 characters", language: "e".repeat(10_000), as: () => ({ cookie: who.viewer }), status: 200 },
    { name: "nobody signed in", language: "zh-CN", as: () => ({}), status: 303 },
    { name: "a disabled user's cookie", language: "zh-CN", as: () => ({ cookie: who.disabled }), status: 303 },
    {
      name: "another site's page",
      language: "zh-CN",
      as: () => ({ cookie: who.viewer, headers: EVIL }),
      status: 403,
      says: CROSS,
    },
  ];

  for (const hostile of HOSTILE) {
    test(`${hostile.name}: nothing changes`, async () => {
      const action = await switcherAction(who.viewer);
      const before = fingerprint();
      const response = await choose(action, hostile.language, hostile.as());
      expect(response.status).toBe(hostile.status);
      if (hostile.says !== undefined) expect(await response.text()).toBe(hostile.says);
      expectUnchanged(before);
    });
  }

  // Issue 22, L1: the pages' origin check skipped `/api/…`, and a server action runs on any path Next.js serves.
  for (const pathname of ["/api/nope", "/api/partitions/2026-04-17/nope"])
    test(`another site's page, posted to ${pathname} (no route owns it): 403, nothing changes`, async () => {
      const action = await switcherAction(who.viewer);
      const before = fingerprint();
      const response = await choose(action, "zh-CN", { cookie: who.viewer, headers: EVIL }, pathname);
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({ code: "cross_origin", message: CROSS });
      expect(localeOf("viewer@example.com")).toBe(null);
      expectUnchanged(before);
    });

  test("the same request from the signed-in user's own page stores their choice (so the cases above reach it)", async () => {
    // A user with no role may still choose their language; the action is the same on every page.
    const action = await switcherAction(who.viewer);
    // Chinese, then back to English (what later tests of this user read): two changes, each seen in the store.
    for (const chosen of ["zh-CN", "en"]) {
      const response = await choose(action, chosen, { cookie: who.roleless });
      // Done, then sent on to where a user with no role lands.
      expect(response.status).toBe(307);
      expect(localeOf("nobody@example.com")).toBe(chosen);
    }
  });
});

test.describe("evidence tampered with after it was written is refused", () => {
  const evidenceFile = () =>
    withStore((db) => db.prepare(`SELECT path FROM "Evidence" WHERE runId = ?`).pluck().get(PENDING_RUN) as string);

  test("a changed evidence file", async () => {
    const file = evidenceFile();
    const original = fs.readFileSync(file, "utf8");
    fs.chmodSync(file, 0o644);
    const tampered = original.replace(/"expected_input_count": \d+/, '"expected_input_count": 999');
    expect(tampered).not.toBe(original);
    fs.writeFileSync(file, tampered);
    try {
      const before = fingerprint();
      const response = await send("POST", `/api/evidence/${PENDING_RUN}/review`, {
        cookie: who.reviewer,
        json: approve,
      });
      expect(response.status).toBe(409);
      expect(await response.json()).toEqual({
        message: `evidence ${PENDING_RUN} cannot be reviewed: the evidence file was changed after it was written`,
        code: "conflict",
      });
      expectUnchanged(before);
    } finally {
      fs.writeFileSync(file, original);
      fs.chmodSync(file, 0o444);
    }
  });

  test("an evidence row rewritten in the store, document and sha256 together (no key, no MAC)", async () => {
    const original = withStore((db) =>
      db.prepare(`SELECT document, sha256 FROM "Evidence" WHERE runId = ?`).get(PENDING_RUN),
    ) as { document: string; sha256: string };
    const doc = JSON.parse(original.document) as Record<string, unknown>;
    expect(doc.expected_input_count).toEqual(expect.any(Number));
    doc.expected_input_count = 999;
    const { sha256: _old, ...body } = doc;
    const sha256 = crypto.createHash("sha256").update(JSON.stringify(body)).digest("hex");
    const forged = JSON.stringify({ ...body, sha256 }, null, 2);
    withStore(
      (db) =>
        db.prepare(`UPDATE "Evidence" SET document = ?, sha256 = ? WHERE runId = ?`).run(forged, sha256, PENDING_RUN),
      false,
    );
    try {
      const before = fingerprint();
      const response = await send("POST", `/api/evidence/${PENDING_RUN}/review`, {
        cookie: who.reviewer,
        json: approve,
      });
      expect(response.status).toBe(409);
      expect(await response.json()).toEqual({
        message: `evidence ${PENDING_RUN} cannot be reviewed: the stored evidence does not match its MAC (it was rewritten in the store)`,
        code: "conflict",
      });
      expectUnchanged(before);
    } finally {
      withStore(
        (db) =>
          db
            .prepare(`UPDATE "Evidence" SET document = ?, sha256 = ? WHERE runId = ?`)
            .run(original.document, original.sha256, PENDING_RUN),
        false,
      );
    }
  });
});

test.describe("a database writer without the evidence key releases nothing", () => {
  const TOKEN = { authorization: "Bearer week07-consumer-demo-token" };
  const gate = async (key: string) =>
    (await (await send("GET", `/api/consumption/${key}?consumer=week07`, { headers: TOKEN })).json()) as {
      consumable: boolean;
      reason: string;
    };

  test("a Review row written straight into the SQLite file: still held, the calendar shows no release, the health line names it", async ({
    browser,
  }) => {
    const before = fingerprint();
    const { evidenceId, cells } = withStore((db) => ({
      evidenceId: db.prepare(`SELECT id FROM "Evidence" WHERE runId = ?`).pluck().get(PENDING_RUN) as number,
      cells: db.prepare(`SELECT * FROM "PartitionState" WHERE "partitionKey" = '2026-04-28'`).all(),
    }));
    // What a writer without the key can do: an approval row, which the store's own trigger spreads to the cells.
    withStore(
      (db) =>
        db
          .prepare(
            `INSERT INTO "Review" ("evidenceId", "reviewer", "decision", "createdAt") VALUES (?, 'nobody@example.com', 'approved', '2026-12-01T00:00:00.000+00:00')`,
          )
          .run(evidenceId),
      false,
    );
    try {
      expect(
        withStore((db) =>
          db.prepare(`SELECT DISTINCT review FROM "PartitionState" WHERE "partitionKey" = '2026-04-28'`).pluck().all(),
        ),
      ).toEqual(["approved"]);
      expect(await gate("2026-04-28")).toMatchObject({
        consumable: false,
        reason: `held: silver is pending_review (built and checked; waiting for a reviewer); the approval recorded for evidence ${evidenceId} (by nobody@example.com) does not verify: it is no decision`,
      });
      const context = await browser.newContext({ baseURL: base });
      await context.addCookies([{ name: "pd_session", value: who.viewer, url: base }]);
      const page = await context.newPage();
      await page.goto("/?from=2026-04-01&to=2026-04-30");
      await expect(page.getByRole("link", { name: /^2026-04-28 .*silver.* Pending review$/i })).toHaveCount(1);
      await expect(page.getByRole("link", { name: /^2026-04-28 .* Released$/i })).toHaveCount(0);
      const health = page.getByRole("alert", { name: "Health" });
      await expect(health).toContainText("1 approval does not verify");
      await expect(health.getByRole("list", { name: "Approvals that do not verify" })).toHaveText(
        `run #${PENDING_RUN} (2026-04-28): recorded as approved by nobody@example.com`,
      );
      await page.screenshot({ path: "test-results/screenshots/calendar-unverified-approval.png", fullPage: true });
      await page.goto(`/evidence/${PENDING_RUN}`);
      await expect(page.getByRole("note").filter({ hasText: "its signature does not verify" })).toContainText(
        "approved by nobody@example.com",
      );
      await expect(page.getByLabel("What downstream may consume")).toContainText("does not verify: it is no decision");
      await context.close();
    } finally {
      // Back to the seeded store for the other tests: the row gone, the cells as the trigger had left them.
      withStore((db) => {
        db.prepare(`DELETE FROM "Review" WHERE "evidenceId" = ?`).run(evidenceId);
        const restore = db.prepare(
          `UPDATE "PartitionState" SET "review" = ?, "reviewId" = ? WHERE "partitionKey" = ? AND "assetKey" = ?`,
        );
        for (const c of cells as {
          review: string | null;
          reviewId: number | null;
          partitionKey: string;
          assetKey: string;
        }[])
          restore.run(c.review, c.reviewId, c.partitionKey, c.assetKey);
      }, false);
    }
    expect(fingerprint().tables).toEqual(before.tables);
  });

  test("a report-only rebuild on top of failed silver (the seeded 2026-04-03) is refused, naming why, and changes nothing", async () => {
    const before = fingerprint();
    const response = await send("POST", "/api/plans", {
      cookie: who.operator,
      json: { partition: "2026-04-03", action: "backfill" },
    });
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({
      code: "unprocessable",
      message:
        "backfill of 2026-04-03 would rebuild only partition report, on top of what is not released — raw ticket events (pending_review) and silver ticket facts (failed): a rebuild never builds on an upstream nobody approved. Recover the partition first (its fitting action), then rebuild what is missing",
    });
    expectUnchanged(before);
  });
});

test.describe("sign-in", () => {
  for (const next of [
    "//evil.example/",
    "/\\evil.example",
    "https://evil.example/x",
    "javascript:alert(1)",
    "\\\\evil.example",
    "http:evil.example",
    "/%2F%2Fevil.example",
    // Dot segments a browser resolves into `//evil.example` (issue 22, item 10).
    "/.//evil.example",
    "/%2e//evil.example",
    "/x/..//evil.example",
    "/./\\evil.example",
  ]) {
    test(`next=${next} never leaves this site`, async ({ browser }) => {
      const before = fingerprint();
      const context = await browser.newContext({
        baseURL: base,
        extraHTTPHeaders: { "x-forwarded-for": freshClient() },
      });
      const page = await context.newPage();
      await page.goto(`/login?next=${encodeURIComponent(next)}`);
      await page.getByLabel("Email").fill("viewer@example.com");
      await page.getByLabel("Password").fill(DEMO_PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForURL((url) => url.pathname !== "/login");
      expect(new URL(page.url()).origin).toBe(base);
      await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
      await context.close();
      expect(fingerprint().tables).toEqual(before.tables);
    });
  }

  test("100 rapid wrong passwords are throttled; then even the right one waits", async ({ page }) => {
    test.setTimeout(120_000);
    cliAsAdmin(["user", "add", "target@example.com", "--name", "Tara Target", "--roles", "viewer"]);
    const client = freshClient();
    await page.setExtraHTTPHeaders({ "x-forwarded-for": client });
    const before = fingerprint();
    await page.goto("/login");
    await page.getByLabel("Email").fill("target@example.com");
    const started = Date.now();
    const messages: string[] = [];
    for (let i = 0; i < 100; i++) {
      await page.getByLabel("Password").fill(`wrong-password-${i}`);
      const answered = page.waitForResponse(
        (r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/login",
      );
      await page.getByRole("button", { name: "Sign in" }).click();
      await answered;
      // The button says "Signing in…" from the click until the render that shows the answer.
      await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
      messages.push((await page.locator("#sign-in-error").textContent())?.trim() ?? "");
    }
    const seconds = (Date.now() - started) / 1000;
    const checked = withStore((db) =>
      db
        .prepare(`SELECT failures FROM "Throttle" WHERE key = ?`)
        .pluck()
        .get(`account:target@example.com|ip:${client}`),
    ) as number;
    // Five are free; after that each failure doubles the wait, so within the ~minute of this loop only a handful more
    // passwords are even checked; every other attempt is refused without a look at the password.
    expect(checked).toBeGreaterThanOrEqual(6);
    expect(checked).toBeLessThanOrEqual(5 + Math.ceil(Math.log2(seconds + 1)) + 1);
    expect(messages.slice(0, 5)).toEqual(Array(5).fill("Unknown email or wrong password."));
    expect(messages.filter((m) => m.startsWith("Too many failed sign-ins: try again in ")).length).toBe(100 - checked);
    await page.getByLabel("Password").fill(OWN_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText(/^Too many failed sign-ins: try again in \d+ s\.$/)).toBeVisible();
    expect(page.url()).toContain("/login");
    expect(fingerprint().tables).toEqual(before.tables);
    console.log(
      `throttle: 100 wrong passwords in ${seconds.toFixed(1)} s; ${checked} checked, ${100 - checked} refused unchecked`,
    );
  });
});

test("sign-out revokes every copy of the session cookie", async ({ browser }) => {
  const context = await browser.newContext({ baseURL: base, extraHTTPHeaders: { "x-forwarded-for": freshClient() } });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill("lead@example.com");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  const copied = (await context.cookies()).find((c) => c.name === "pd_session")!.value;
  expect((await send("GET", "/api/partitions/2026-04-17", { cookie: copied })).status).toBe(200);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "Sign in to Partition Desk" })).toBeVisible();
  const after = await send("GET", "/api/partitions/2026-04-17", { cookie: copied });
  expect(after.status).toBe(401);
  expect(await after.json()).toEqual({ message: SIGN_IN, code: "unauthenticated" });
  const page2 = await (await browser.newContext({ baseURL: base })).newPage();
  await page2.context().addCookies([{ name: "pd_session", value: copied, url: base }]);
  await page2.goto("/");
  await expect(page2).toHaveURL(/\/login/);
  await context.close();
});

test("a user with no role signs in to a page that says so, and sees nothing else", async ({ page }) => {
  await page.setExtraHTTPHeaders({ "x-forwarded-for": freshClient() });
  await page.goto("/login");
  await page.getByLabel("Email").fill("nobody@example.com");
  await page.getByLabel("Password").fill(OWN_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/login\?denied=1$/);
  await expect(page.getByRole("alert").first()).toHaveText(
    "Your account holds no role that may read Partition Desk. Ask an administrator for one.",
  );
  await page.goto("/evidence");
  await expect(page).toHaveURL(/\/login\?denied=1$/);
  await page.screenshot({ path: "test-results/screenshots/sign-in-no-role.png", fullPage: true });
});

test("`user add` creates an account that signs in, with its roles", async ({ page }) => {
  const out = cliAsAdmin(["user", "add", "Newcomer@Example.com", "--name", "Nia Newcomer", "--roles", "reviewer"]);
  expect(out).toContain("added newcomer@example.com (reviewer)");
  await page.setExtraHTTPHeaders({ "x-forwarded-for": freshClient() });
  await page.goto("/login");
  await page.getByLabel("Email").fill("newcomer@example.com");
  await page.getByLabel("Password").fill(OWN_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  // A reviewer lands on the review queue, and the header says who is signed in.
  await expect(page.getByRole("heading", { name: "Checks & evidence" })).toBeVisible();
  await expect(page.getByText("newcomer@example.com")).toBeVisible();
  const audit = withStore((db) =>
    db
      .prepare(`SELECT actor, outcome FROM "AuditEvent" WHERE action = 'user.add' AND target = 'newcomer@example.com'`)
      .get(),
  ) as { actor: string; outcome: string };
  // Audited with the administrator who acted, not the machine's account.
  expect(audit).toEqual({ actor: "admin@example.com", outcome: "ok" });
});

test("outside demo mode, the server refuses to start without its secrets, naming each variable", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "partition-desk-production-"));
  const production: Record<string, string> = {
    ...env,
    PARTITION_DESK_DEMO: "",
    DATABASE_URL: `file:${path.join(dir, "desk.db")}`,
    WEEK06_REPORT_DIR: path.join(dir, "reports"),
  };
  const child = spawn(process.execPath, ["scripts/serve.mjs", String(store.port + 20)], {
    env: { ...process.env, ...production },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr.on("data", (d: Buffer) => (output += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  expect(code).not.toBe(0);
  for (const variable of ["SESSION_SECRET", "EVIDENCE_SECRET"])
    expect(output).toContain(`${variable}: is required outside demo mode`);
  // The CLI refuses the same way, and a published value is named as one.
  let cliOutput = "";
  try {
    cli(["plan", "--partition", "2026-04-17"], {
      ...production,
      SESSION_SECRET: "bench-session-secret-0123456789abcdef",
    });
  } catch (e) {
    cliOutput = String((e as { stderr?: string }).stderr);
  }
  expect(cliOutput).toContain("SESSION_SECRET: is a published default; choose your own secret");
  expect(cliOutput).toContain("EVIDENCE_SECRET: is required outside demo mode");
  // Long enough is not enough: a guessable secret, a consumer token equal to the session key (its consumer could
  // sign anyone's session), and the old shared consumer token are each refused by name.
  let weak = "";
  try {
    cli(["plan", "--partition", "2026-04-17"], {
      ...production,
      SESSION_SECRET: " ".repeat(32),
      EVIDENCE_SECRET: "a".repeat(32),
      WEEK07_CONSUMER_TOKEN: OWN_SECRETS.SESSION_SECRET,
      WEEK08_CONSUMER_TOKEN: OWN_SECRETS.SESSION_SECRET,
      CONSUMER_API_TOKEN: OWN_SECRETS.EVIDENCE_SECRET,
    });
  } catch (e) {
    weak = String((e as { stderr?: string }).stderr);
  }
  expect(weak).toContain("SESSION_SECRET: is guessable (about 0 bits; at least 96 needed");
  expect(weak).toContain("EVIDENCE_SECRET: is guessable (about 0 bits; at least 96 needed");
  expect(weak).toContain("WEEK08_CONSUMER_TOKEN: must differ from WEEK07_CONSUMER_TOKEN");
  expect(weak).toContain("CONSUMER_API_TOKEN: is no longer used");
  let same = "";
  try {
    cli(["plan"], { ...production, ...OWN_SECRETS, WEEK07_CONSUMER_TOKEN: OWN_SECRETS.SESSION_SECRET });
  } catch (e) {
    same = String((e as { stderr?: string }).stderr);
  }
  expect(same).toContain("WEEK07_CONSUMER_TOKEN: must differ from SESSION_SECRET");
  expect(fs.existsSync(path.join(dir, "desk.db"))).toBe(false);
  fs.rmSync(dir, { recursive: true, force: true });
});

test("outside demo mode every answer asks for HTTPS only (HSTS), and nothing minted in demo mode opens the store", async () => {
  test.setTimeout(180_000);
  // The demo runs on http://localhost: no HSTS there.
  expect((await send("GET", "/login")).headers.get("strict-transport-security")).toBeNull();
  // A copy of this store, served as a deployment outside demo mode would serve it.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "partition-desk-deployed-"));
  const copy = new Database(databaseFile, { readonly: true });
  await copy.backup(path.join(dir, "desk.db"));
  copy.close();
  const deployed = await serve(
    store.port + 21,
    {
      ...env,
      ...OWN_SECRETS,
      PARTITION_DESK_DEMO: "",
      DATABASE_URL: `file:${path.join(dir, "desk.db")}`,
      WEEK06_REPORT_DIR: path.join(dir, "reports"),
    },
    { worker: false },
  );
  try {
    for (const pathname of ["/login", "/api/partitions/2026-04-17"]) {
      const answer = await fetch(`${deployed.base}${pathname}`);
      expect(answer.headers.get("strict-transport-security")).toBe("max-age=63072000; includeSubDomains");
    }
    const read = (authorization: string) =>
      fetch(`${deployed.base}/api/consumption/2026-04-17`, { headers: { authorization } });
    // A viewer's API token minted in the demo, and the demo's published consumer token: refused.
    for (const token of [who.viewerToken, "week07-consumer-demo-token"]) {
      const refused = await read(`Bearer ${token}`);
      expect(refused.status).toBe(401);
      expect(await refused.json()).toEqual({ code: "unauthenticated", message: "the bearer token is not valid" });
    }
    // The deployment's own consumer token is week07's.
    const own = await read(`Bearer ${OWN_SECRETS.WEEK07_CONSUMER_TOKEN}`);
    expect(own.status).toBe(200);
    expect(await own.json()).toMatchObject({ partition_key: "2026-04-17", consumer: "week07" });
  } finally {
    await deployed.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
