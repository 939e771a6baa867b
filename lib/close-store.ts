// A script that has finished closes its connections so the process can exit: on PostgreSQL the Prisma client and
// the raw pool keep sockets open (SQLite's connections hold nothing that keeps a process alive).
import { db } from "@/lib/db";
import { closePool } from "@/lib/pg";

export async function closeStore(): Promise<void> {
  await db.$disconnect();
  await closePool();
}
