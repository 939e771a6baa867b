import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadEnvFiles, parseConfig } from "@/lib/config";

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
    const own = {
      SESSION_SECRET: "s".repeat(32) + "-own-session",
      EVIDENCE_SECRET: "e".repeat(32) + "-own-evidence",
      CONSUMER_API_TOKEN: "c".repeat(40),
    };

    it("starts with its own secrets, and no demo password", () => {
      expect(parseConfig(own)).toMatchObject({
        demo: false,
        sessionSecret: own.SESSION_SECRET,
        evidenceSecret: own.EVIDENCE_SECRET,
        consumerApiToken: own.CONSUMER_API_TOKEN,
      });
    });

    it("refuses to start without secrets, naming every missing variable", () => {
      let message = "";
      try {
        parseConfig({});
      } catch (e) {
        message = (e as Error).message;
      }
      for (const name of ["SESSION_SECRET", "EVIDENCE_SECRET", "CONSUMER_API_TOKEN"])
        expect(message).toContain(`${name}: is required outside demo mode`);
    });

    it.each([
      [{ SESSION_SECRET: "bench-session-secret-0123456789abcdef" }, /SESSION_SECRET: is a published default/],
      [
        { CONSUMER_API_TOKEN: "week06-consumer-demo-token" },
        /CONSUMER_API_TOKEN: (is a published default|must be at least 32)/,
      ],
      [{ EVIDENCE_SECRET: "s".repeat(32) + "-own-session" }, /EVIDENCE_SECRET: must differ from SESSION_SECRET/],
      [{ SESSION_SECRET: "short" }, /SESSION_SECRET: must be at least 32 characters/],
      [{ DEMO_PASSWORD: "partition-desk-demo" }, /DEMO_PASSWORD: only applies in demo mode/],
    ])("refuses %j", (bad, message) => {
      expect(() => parseConfig({ ...own, ...bad })).toThrow(message);
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
