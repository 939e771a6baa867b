// Sign-in, sessions, throttling and kept secrets, on this test file's copy of the seeded store.
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { hashPassword, needsRehash, verifyPassword } from "@/lib/auth/passwords";
import { signSession, verifySession } from "@/lib/auth/session-token";
import { addUser, disableUser } from "@/lib/auth/user-admin";
import { authenticate, findActor } from "@/lib/auth/users";
import { db } from "@/lib/db";
import { useSeededStore } from "@/lib/test-support";

beforeAll(() => useSeededStore());

const PASSWORD = "a long enough password";
const KEY = "k".repeat(32);

describe("session tokens", () => {
  const payload = { email: "reviewer@example.com", v: 0, exp: Date.now() + 60_000 };

  it("verifies what it signed, and nothing else", () => {
    const token = signSession(payload, KEY);
    expect(verifySession(token, KEY)).toEqual(payload);
    expect(verifySession(token, "j".repeat(32))).toBeNull();
    expect(verifySession(signSession(payload, ""), KEY)).toBeNull();
    const [, signature] = token.split(".");
    expect(
      verifySession(
        `${Buffer.from(JSON.stringify({ ...payload, email: "lead@example.com" })).toString("base64url")}.${signature}`,
        KEY,
      ),
    ).toBeNull();
    expect(verifySession(signSession({ ...payload, exp: Date.now() - 1 }, KEY), KEY)).toBeNull();
    expect(verifySession("x".repeat(3000), KEY)).toBeNull();
    expect(verifySession(undefined, KEY)).toBeNull();
  });
});

describe("a kept secret (demo mode)", () => {
  it("is refused when shorter than 32 bytes — a crash or a full disk never leaves a usable empty key", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pd-secret-"));
    fs.writeFileSync(path.join(dir, "session-secret"), "");
    const r = spawnSync(
      "npx",
      [
        "tsx",
        "-e",
        'import("@/lib/auth/secret").then((m) => m.sessionSecret()).catch((e) => { console.error(e.message); process.exit(3); })',
      ],
      {
        encoding: "utf8",
        env: { ...process.env, DATABASE_URL: `file:${path.join(dir, "desk.db")}`, SESSION_SECRET: "" },
      },
    );
    expect(r.status).toBe(3);
    expect(r.stderr).toContain(
      `${path.join(dir, "session-secret")} holds 0 bytes, fewer than 32: delete it to create a new key`,
    );
  });
});

describe("passwords", () => {
  it("hashes with scrypt at the current cost and upgrades an older hash at the next sign-in", async () => {
    const current = await hashPassword(PASSWORD);
    expect(current).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(needsRehash(current)).toBe(false);
    expect(await verifyPassword(PASSWORD, current)).toBe(true);
    expect(await verifyPassword(`${PASSWORD}!`, current)).toBe(false);

    const salt = crypto.randomBytes(16).toString("base64url");
    const old = `scrypt$16384$8$1$${salt}$${crypto.scryptSync(PASSWORD, salt, 32, { N: 16384, r: 8, p: 1 }).toString("base64url")}`;
    expect(needsRehash(old)).toBe(true);
    await db.user.create({
      data: { email: "old@example.com", name: "Old Hash", roles: '["viewer"]', passwordHash: old },
    });
    expect(await authenticate("old@example.com", PASSWORD, null)).toMatchObject({ ok: true });
    expect((await db.user.findUniqueOrThrow({ where: { email: "old@example.com" } })).passwordHash).toMatch(
      /^scrypt\$32768\$/,
    );
  });
});

describe("sign-in", () => {
  it("answers an unknown account and a wrong password alike", async () => {
    expect(await authenticate("nobody-here@example.com", PASSWORD, null)).toMatchObject({
      ok: false,
      message: "Unknown email or wrong password.",
    });
    expect(await authenticate("viewer@example.com", PASSWORD, null)).toMatchObject({
      ok: false,
      message: "Unknown email or wrong password.",
    });
  });

  it("refuses a disabled account even with its password", async () => {
    const admin = await findActor("admin@example.com");
    await addUser({ email: "gone@example.com", name: "Gone", roles: ["operator"], password: PASSWORD }, admin);
    expect(await authenticate("gone@example.com", PASSWORD, null)).toMatchObject({ ok: true });
    await disableUser("gone@example.com", admin);
    expect(await authenticate("gone@example.com", PASSWORD, null)).toMatchObject({
      ok: false,
      message: "Unknown email or wrong password.",
    });
  });

  it("after five wrong passwords makes the account wait, even for the right one", async () => {
    await addUser(
      { email: "guessed@example.com", name: "Guessed", roles: ["viewer"], password: PASSWORD },
      await findActor("admin@example.com"),
    );
    const t0 = new Date();
    for (let i = 0; i < 6; i++)
      expect(await authenticate("guessed@example.com", `wrong ${i}`, null, t0)).toMatchObject({
        ok: false,
        message: "Unknown email or wrong password.",
      });
    expect(await authenticate("guessed@example.com", PASSWORD, null, t0)).toMatchObject({
      ok: false,
      message: "Too many failed sign-ins: try again in 1 s.",
      waitMs: 1000,
    });
  });
});
