// The background runner of the server process: drains queued runs one at a time (SQLite has one writer),
// outside any HTTP request, so a run survives the page that started it. Progress lives in the store.
import { processRun, recoverInterruptedRuns } from "@/lib/pipeline/run";
import { db } from "@/lib/db";

const state = ((globalThis as unknown as { partitionDeskRunner?: { draining: boolean } }).partitionDeskRunner ??= { draining: false });

async function drain(): Promise<void> {
  for (;;) {
    const next = await db.run.findFirst({ where: { status: "queued" }, orderBy: { id: "asc" }, select: { id: true } });
    if (!next) return;
    try {
      await processRun(next.id);
    } catch (e) {
      // A bug in one run must not stop the others; the run is left running and recovered as interrupted.
      console.error(`run ${next.id} crashed:`, e);
      await recoverInterruptedRuns();
    }
  }
}

/** Starts draining unless already draining. Returns at once. */
export function kickRunner(): void {
  if (state.draining) return;
  state.draining = true;
  void (async () => {
    try {
      do await drain();
      while (await db.run.count({ where: { status: "queued" } }));
    } finally {
      state.draining = false;
    }
  })();
}

/** Server start: mark what a previous process left running as interrupted, then resume the queue. */
export async function startRunner(): Promise<void> {
  await recoverInterruptedRuns();
  kickRunner();
}
