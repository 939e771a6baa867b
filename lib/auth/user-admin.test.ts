// Account administration needs an administrator (issue 22, item 7): every `user` command is refused — audited, the
// accounts and tokens unchanged — for nobody and for a non-administrator; the first administrator may be made only
// while none exists; the last one cannot be removed; a user handles their own tokens; a new password revokes the
// user's tokens; a token minted in demo mode is refused outside it. Against this test file's copy of the seeded store.
import os from "node:os";
import { beforeAll, describe, expect, it } from "vitest";
import {
  addUser,
  changePassword,
  createToken,
  disableUser,
  listTokens,
  listUsers,
  loginToken,
  revokeToken,
  setRoles,
} from "@/lib/auth/user-admin";
import { actorByToken, findActor, type UserActor } from "@/lib/auth/users";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { useSeededStore } from "@/lib/test-support";

beforeAll(() => useSeededStore());

const PASSWORD = "a long enough password";
const cliOs = `cli:${os.userInfo().username}`;
const MAY_NOT = (email: string, roles: string) =>
  `${email} (${roles}) may not administer_users: policy rule roles.administer_users allows admin`;
const NOBODY = `account administration needs an administrator, and the CLI could name no user: set PARTITION_DESK_TOKEN to an administrator's token (\`npm run -s cli -- user login EMAIL\`) or map this account with \`user add … --os-user ${os.userInfo().username}\`. The first administrator: \`npm run -s cli -- user add EMAIL --roles admin\`, while no administrator exists`;

const as = async (email: string) => (await findActor(email)) as UserActor;

/** The accounts and their tokens, as rows: what a refused command must leave as it was. */
async function accounts() {
  return {
    users: await db.user.findMany({ orderBy: { id: "asc" } }),
    tokens: await db.apiToken.findMany({ orderBy: { id: "asc" } }),
  };
}

describe("without an administrator", () => {
  it.each([
    ["nobody (no token, no OS mapping, not demo)", null, "unauthenticated", NOBODY],
    ["the demo's operator", "operator@example.com", "forbidden", MAY_NOT("operator@example.com", "operator")],
    ["a reviewer", "reviewer@example.com", "forbidden", MAY_NOT("reviewer@example.com", "reviewer")],
  ])(
    "%s may not mint another's token, set roles, change a password, disable, add or list",
    async (_who, email, code, message) => {
      const by = email ? await as(email) : null;
      const before = await accounts();
      const auditedFrom = (await db.auditEvent.aggregate({ _max: { id: true } }))._max.id ?? 0;
      const refusal = { ok: false, code, message };
      expect(await createToken("lead@example.com", "mine now", by)).toMatchObject(refusal);
      expect(await setRoles("operator@example.com", ["operator", "reviewer"], by)).toMatchObject(refusal);
      expect(await changePassword("reviewer@example.com", "a password I chose", by)).toMatchObject(refusal);
      expect(await disableUser("reviewer@example.com", by)).toMatchObject(refusal);
      expect(
        await addUser({ email: "mole@example.com", name: "Mole", roles: ["reviewer"], password: PASSWORD }, by),
      ).toMatchObject(refusal);
      expect(await listUsers(by)).toMatchObject(refusal);
      expect(await listTokens("lead@example.com", by)).toMatchObject(refusal);
      expect(await accounts()).toEqual(before);
      // Each refusal is audited with who asked.
      const audited = await db.auditEvent.findMany({ where: { id: { gt: auditedFrom } }, orderBy: { id: "asc" } });
      expect(audited.map((a) => [a.actor, a.action, a.outcome])).toEqual(
        ["token", "roles", "passwd", "disable", "add", "list", "tokens"].map((action) => [
          email ?? cliOs,
          `user.${action}`,
          "refused",
        ]),
      );
    },
  );
});

describe("an administrator", () => {
  it("manages accounts; each change is audited as the administrator", async () => {
    const admin = await as("admin@example.com");
    const from = (await db.auditEvent.aggregate({ _max: { id: true } }))._max.id ?? 0;
    expect(
      await addUser({ email: "nia@example.com", name: "Nia", roles: ["viewer"], password: PASSWORD }, admin),
    ).toMatchObject({ ok: true, message: "added nia@example.com (viewer)" });
    expect(await setRoles("nia@example.com", ["reviewer"], admin)).toMatchObject({ ok: true });
    const minted = await createToken("nia@example.com", "her script", admin);
    expect(minted).toMatchObject({ ok: true, token: expect.stringMatching(/^pdt_/), tokenId: expect.any(Number) });
    expect(await listUsers(admin)).toEqual(
      expect.arrayContaining([expect.objectContaining({ email: "nia@example.com", roles: ["reviewer"] })]),
    );
    const audited = await db.auditEvent.findMany({ where: { id: { gt: from } }, orderBy: { id: "asc" } });
    expect(audited.map((a) => [a.actor, a.action, a.target])).toEqual([
      ["admin@example.com", "user.add", "nia@example.com"],
      ["admin@example.com", "user.roles", "nia@example.com"],
      ["admin@example.com", "user.token", "nia@example.com"],
    ]);
  });

  it("changing a password signs the user out and revokes their API tokens", async () => {
    const admin = await as("admin@example.com");
    await addUser({ email: "pia@example.com", name: "Pia", roles: ["operator"], password: PASSWORD }, admin);
    const minted = await createToken("pia@example.com", "ci", admin);
    if (!minted.ok) throw new Error(minted.message);
    expect(await actorByToken(minted.token!)).toMatchObject({ email: "pia@example.com" });
    const version = (await as("pia@example.com")).sessionVersion;
    expect(await changePassword("pia@example.com", `${PASSWORD} anew`, admin)).toMatchObject({
      ok: true,
      message: "changed the password of pia@example.com; their sessions are signed out and 1 API token was revoked",
    });
    expect(await actorByToken(minted.token!)).toBeNull();
    expect((await as("pia@example.com")).sessionVersion).toBe(version + 1);
  });

  it("cannot take the role from, or disable, the last enabled administrator", async () => {
    const admin = await as("admin@example.com");
    const before = await accounts();
    const last = {
      ok: false,
      code: "conflict",
      message:
        "admin@example.com is the last enabled administrator: add another administrator first (without one, anyone who can run the CLI here could make themselves the first)",
    };
    expect(await setRoles("admin@example.com", ["viewer"], admin)).toMatchObject(last);
    expect(await disableUser("admin@example.com", admin)).toMatchObject(last);
    expect(await accounts()).toEqual(before);
  });
});

describe("your own tokens", () => {
  it("anyone may mint, list and revoke their own — never another's", async () => {
    const operator = await as("operator@example.com");
    const mine = await createToken("operator@example.com", "laptop", operator);
    if (!mine.ok) throw new Error(mine.message);
    const listed = await listTokens("operator@example.com", operator);
    expect(listed).toEqual(
      expect.arrayContaining([
        { id: mine.tokenId, label: "laptop", created_at: expect.any(String), revoked_at: null, demo: true },
      ]),
    );
    // Nothing in the listing is a token: only its sha256 is stored.
    expect(JSON.stringify(listed)).not.toContain(mine.token);
    const reviewers = await createToken("reviewer@example.com", "theirs", await as("reviewer@example.com"));
    if (!reviewers.ok) throw new Error(reviewers.message);
    expect(await revokeToken(reviewers.tokenId!, operator)).toMatchObject({
      ok: false,
      code: "forbidden",
      message: MAY_NOT("operator@example.com", "operator"),
    });
    expect(await actorByToken(reviewers.token!)).toMatchObject({ email: "reviewer@example.com" });
    expect(await revokeToken(mine.tokenId!, operator)).toMatchObject({
      ok: true,
      message: `revoked token ${mine.tokenId} of operator@example.com`,
    });
    expect(await actorByToken(mine.token!)).toBeNull();
    expect(await revokeToken(mine.tokenId!, operator)).toMatchObject({ ok: false, code: "conflict" });
  });

  it("`user login`: your own token for your password, refused for a wrong one", async () => {
    const got = await loginToken("viewer@example.com", "partition-desk-demo");
    expect(got).toMatchObject({ ok: true, token: expect.stringMatching(/^pdt_/) });
    if (!got.ok) return;
    expect(await actorByToken(got.token!)).toMatchObject({ email: "viewer@example.com", roles: ["viewer"] });
    expect(await loginToken("viewer@example.com", "not the password")).toMatchObject({
      ok: false,
      code: "unauthenticated",
      message: "Unknown email or wrong password.",
    });
  });

  it("a token minted in demo mode works in demo mode only", async () => {
    const minted = await createToken("viewer@example.com", "demo", await as("viewer@example.com"));
    if (!minted.ok) throw new Error(minted.message);
    expect(await db.apiToken.findUniqueOrThrow({ where: { id: minted.tokenId } })).toMatchObject({ demo: true });
    expect(await actorByToken(minted.token!)).toMatchObject({ email: "viewer@example.com" });
    const settings = config();
    settings.demo = false; // this process, as a deployment outside demo mode would read the same store
    try {
      expect(await actorByToken(minted.token!)).toBeNull();
    } finally {
      settings.demo = true;
    }
  });
});

describe("the first administrator", () => {
  it("may be added without an identity only while no enabled administrator exists — once, and audited as such", async () => {
    // A deployment without one: this store's administrator is gone (as if it never existed).
    await db.apiToken.deleteMany({ where: { user: { email: "admin@example.com" } } });
    await db.user.delete({ where: { email: "admin@example.com" } });
    expect(
      await addUser({ email: "notadmin@example.com", name: "No", roles: ["operator"], password: PASSWORD }, null),
    ).toMatchObject({ ok: false, code: "unauthenticated" });
    // Two at once: exactly one becomes the first administrator.
    const both = await Promise.all(
      ["first@example.com", "second@example.com"].map((email) =>
        addUser({ email, name: email, roles: ["admin"], password: PASSWORD }, null),
      ),
    );
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    expect(both.filter((r) => !r.ok)).toEqual([expect.objectContaining({ code: "unauthenticated", message: NOBODY })]);
    const made = await db.auditEvent.findFirstOrThrow({ where: { action: "user.bootstrap" } });
    expect(made).toMatchObject({ actor: cliOs, outcome: "ok" });
    expect(JSON.parse(made.detail)).toMatchObject({
      bootstrap: "the first administrator: no enabled administrator existed",
      roles: ["admin"],
    });
  });
});
