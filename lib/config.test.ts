import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, estimatedBits, loadEnvFiles, MIN_SECRET_BITS, parseConfig } from "@/lib/config";

describe("configuration", () => {
  it("uses the documented defaults when nothing is set", () => {
    const c = parseConfig({ PARTITION_DESK_DEMO: "1" }, "/srv/desk");
    expect(c).toMatchObject({
      databaseFile: "/srv/desk/data/partition-desk.db",
      partitions: { start: "2026-03-01", end: "2026-04-30" },
      defaultPartition: "2026-04-17",
      reportDir: "/srv/desk/reports/week06",
      port: 3000,
      demo: true,
    });
  });

  it.each([
    [{ WEEK06_DEFAULT_PARTITION: "2026-02-30" }, /WEEK06_DEFAULT_PARTITION: "2026-02-30" is not a real calendar date/],
    [{ WEEK06_PARTITION_START_DATE: "March 1st" }, /WEEK06_PARTITION_START_DATE: .*expected a date as YYYY-MM-DD/],
    [{ WEEK06_PARTITION_END_DATE: "2026-02-01" }, /WEEK06_PARTITION_END_DATE: ends before WEEK06_PARTITION_START_DATE/],
    [
      { WEEK06_DEFAULT_PARTITION: "2026-05-02" },
      /WEEK06_DEFAULT_PARTITION: 2026-05-02 is outside 2026-03-01..2026-04-30/,
    ],
    [{ DATABASE_URL: "mysql://db/desk" }, /DATABASE_URL: must be a SQLite file URL .* or a PostgreSQL URL/],
    [{ PORT: "eighty" }, /PORT:/],
  ])("stops with a message naming the bad variable: %j", (env, message) => {
    expect(() => parseConfig(env)).toThrow(ConfigError);
    expect(() => parseConfig(env)).toThrow(message);
  });

  describe("outside demo mode", () => {
    // Random-looking values of the length `openssl rand -base64 24` prints.
    const own = {
      SESSION_SECRET: "q8Zt2mW5vK0pL7xR3nB6yH1cF9dJ4sGa",
      EVIDENCE_SECRET: "Xw3Ne7Rb1Tk5Yh9Mp2Lq6Zc0Vd4Gf8Sj",
      WEEK07_CONSUMER_TOKEN: "c7Hn2Qe9Wr4Ty1Ui6Op3As8Df5Gh0JkL",
      WEEK08_CONSUMER_TOKEN: "m1Nb6Vc3Xz8Lk5Jh2Gf9Ds4Aq7Wp0EoI",
    };

    it("starts with its own secrets and each consumer's own token, and no demo password", () => {
      expect(parseConfig(own)).toMatchObject({
        demo: false,
        sessionSecret: own.SESSION_SECRET,
        evidenceSecret: own.EVIDENCE_SECRET,
        consumerTokens: [
          { consumer: "week07", token: own.WEEK07_CONSUMER_TOKEN },
          { consumer: "week08", token: own.WEEK08_CONSUMER_TOKEN },
        ],
      });
    });

    it("a consumer without a token has none (it reads through a person's session or token only)", () => {
      const { WEEK08_CONSUMER_TOKEN: _none, ...without } = own;
      expect(parseConfig(without).consumerTokens).toEqual([{ consumer: "week07", token: own.WEEK07_CONSUMER_TOKEN }]);
    });

    it("refuses to start without secrets, naming every missing variable", () => {
      let message = "";
      try {
        parseConfig({});
      } catch (e) {
        message = (e as Error).message;
      }
      for (const name of ["SESSION_SECRET", "EVIDENCE_SECRET"])
        expect(message).toContain(`${name}: is required outside demo mode`);
    });

    it.each([
      [{ SESSION_SECRET: "bench-session-secret-0123456789abcdef" }, /SESSION_SECRET: is a published default/],
      [{ WEEK07_CONSUMER_TOKEN: "week07-consumer-demo-token" }, /WEEK07_CONSUMER_TOKEN: must be at least 32/],
      [{ EVIDENCE_SECRET: own.SESSION_SECRET }, /EVIDENCE_SECRET: must differ from SESSION_SECRET/],
      // A consumer holding the session key could sign anyone's session.
      [{ WEEK07_CONSUMER_TOKEN: own.SESSION_SECRET }, /WEEK07_CONSUMER_TOKEN: must differ from SESSION_SECRET/],
      [{ WEEK08_CONSUMER_TOKEN: own.EVIDENCE_SECRET }, /WEEK08_CONSUMER_TOKEN: must differ from EVIDENCE_SECRET/],
      [
        { WEEK08_CONSUMER_TOKEN: own.WEEK07_CONSUMER_TOKEN },
        /WEEK08_CONSUMER_TOKEN: must differ from WEEK07_CONSUMER_TOKEN/,
      ],
      // Long enough, and guessable.
      [{ SESSION_SECRET: " ".repeat(32) }, /SESSION_SECRET: is guessable \(about 0 bits; at least 96 needed/],
      [{ EVIDENCE_SECRET: "a".repeat(32) }, /EVIDENCE_SECRET: is guessable \(about 0 bits/],
      [{ WEEK07_CONSUMER_TOKEN: "ab".repeat(20) }, /WEEK07_CONSUMER_TOKEN: is guessable \(about 40 bits/],
      [{ SESSION_SECRET: "short" }, /SESSION_SECRET: must be at least 32 characters/],
      [{ DEMO_PASSWORD: "partition-desk-demo" }, /DEMO_PASSWORD: only applies in demo mode/],
      [
        { CONSUMER_API_TOKEN: "x".repeat(40) },
        /CONSUMER_API_TOKEN: is no longer used: each consumer has its own token, so the API knows who asks — set WEEK07_CONSUMER_TOKEN and WEEK08_CONSUMER_TOKEN instead/,
      ],
    ])("refuses %j", (bad, message) => {
      expect(() => parseConfig({ ...own, ...bad })).toThrow(message);
    });
  });

  describe("a secret's estimated strength", () => {
    it.each([
      [" ".repeat(32), 0],
      ["a".repeat(32), 0],
      ["ab".repeat(16), 32],
    ])("of %j is %d bits", (value, bits) => {
      expect(estimatedBits(value)).toBe(bits);
    });

    it("passes what `openssl rand` prints, as hex or base64", () => {
      expect(estimatedBits("9f86d081884c7d659a2feaa0c55ad015")).toBeGreaterThanOrEqual(MIN_SECRET_BITS);
      expect(estimatedBits("q8Zt2mW5vK0pL7xR3nB6yH1cF9dJ4sGa")).toBeGreaterThanOrEqual(MIN_SECRET_BITS);
    });
  });
});

describe("the store", () => {
  it("is the SQLite file by default, PostgreSQL when DATABASE_URL says so", () => {
    expect(parseConfig({ PARTITION_DESK_DEMO: "1" }, "/srv/desk").store).toEqual({
      provider: "sqlite",
      file: "/srv/desk/data/partition-desk.db",
    });
    expect(
      parseConfig({ PARTITION_DESK_DEMO: "1", DATABASE_URL: "postgresql://desk@db.internal:5432/desk" }, "/srv/desk")
        .store,
    ).toEqual({ provider: "postgresql", url: "postgresql://desk@db.internal:5432/desk" });
  });
});

describe(".env.local and .env", () => {
  it("are read by every process alike: what is set wins, then .env.local, then .env", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "env-files-"));
    fs.writeFileSync(path.join(dir, ".env.local"), "WEEK06_DEFAULT_PARTITION=2026-04-18\n# a comment\n");
    fs.writeFileSync(
      path.join(dir, ".env"),
      'WEEK06_DEFAULT_PARTITION=2026-04-19\nWEEK06_REPORT_DIR="reports/other"\nPORT=3100\n',
    );
    const env: Record<string, string | undefined> = { PORT: "3000" };
    loadEnvFiles(dir, env);
    expect(env).toEqual({ PORT: "3000", WEEK06_DEFAULT_PARTITION: "2026-04-18", WEEK06_REPORT_DIR: "reports/other" });
    const none: Record<string, string | undefined> = {};
    loadEnvFiles(fs.mkdtempSync(path.join(os.tmpdir(), "env-none-")), none);
    expect(none).toEqual({});
  });
});
