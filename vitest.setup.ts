// Every test file gets its own SQLite file and report folder, so files can run in parallel and never touch
// the demo database. Set before any module reads the configuration.
import crypto from "node:crypto";
import os from "node:os";
import path from "node:path";

const dir = path.join(os.tmpdir(), `partition-desk-test-${process.pid}-${crypto.randomUUID().slice(0, 8)}`);
process.env.DATABASE_URL = `file:${path.join(dir, "test.db")}`;
process.env.WEEK06_REPORT_DIR = path.join(dir, "reports", "week06");
process.env.WEEK06_PARTITION_START_DATE = "2026-03-01";
process.env.WEEK06_PARTITION_END_DATE = "2026-04-30";
process.env.WEEK06_DEFAULT_PARTITION = "2026-04-17";
// Tests run the demo: its accounts and published defaults (lib/config.test.ts checks production's refusals).
process.env.PARTITION_DESK_DEMO = "1";
