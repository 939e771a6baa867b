// The one Prisma client. Cached on globalThis so Next.js dev reloads do not open a new connection each time.
import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@/generated/prisma/client";
import { config } from "@/lib/config";

export type Db = PrismaClient;

function createClient(): PrismaClient {
  const { databaseFile } = config();
  fs.mkdirSync(path.dirname(databaseFile), { recursive: true });
  // A busy timeout lets a reader wait for the single writer instead of failing with SQLITE_BUSY.
  const adapter = new PrismaBetterSqlite3({ url: `file:${databaseFile}`, timeout: 5000 });
  return new PrismaClient({ adapter });
}

const globalForDb = globalThis as unknown as { partitionDeskDb?: PrismaClient };

export const db: PrismaClient = (globalForDb.partitionDeskDb ??= createClient());
