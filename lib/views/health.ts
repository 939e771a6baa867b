// What the calendar's health line says: whether a worker is alive to execute queued runs, whether the reports
// folder can take evidence, and whether the last run failed because it could not. Read-only: it never writes.
import fs from "node:fs";
import path from "node:path";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { liveWorkers } from "@/lib/engine/worker";
import { displayPath } from "@/lib/files";
import { recordedOr, text, type Text } from "@/lib/i18n/text";
import { runErrorText } from "@/lib/store-json";

export interface EngineHealth {
  problems: Text[];
  workers: number;
  queued: number;
  running: number;
}

const LOW_DISK_BYTES = 100 * 1024 * 1024;

function folderProblem(dir: string): Text | null {
  // The nearest existing ancestor decides whether the folder can be created and written.
  let probe = dir;
  while (!fs.existsSync(probe) && path.dirname(probe) !== probe) probe = path.dirname(probe);
  try {
    if (!fs.statSync(probe).isDirectory()) return text("health.notAFolder", { path: displayPath(probe) });
    fs.accessSync(probe, fs.constants.W_OK);
    const { bavail, bsize } = fs.statfsSync(probe);
    if (bavail * bsize < LOW_DISK_BYTES)
      return text("health.lowDisk", { path: displayPath(probe), mb: Math.round((bavail * bsize) / 1024 / 1024) });
    return null;
  } catch (e) {
    return text("health.folderError", { path: displayPath(probe), error: e instanceof Error ? e.message : String(e) });
  }
}

export async function engineHealth(): Promise<EngineHealth> {
  const { reportDir } = config();
  const [workers, queued, running, lastFinished] = await Promise.all([
    liveWorkers(),
    db.run.count({ where: { status: "queued" } }),
    db.run.count({ where: { status: "running" } }),
    db.run.findFirst({
      where: { finishedAt: { not: null } },
      orderBy: { finishedAt: "desc" },
      select: { id: true, error: true, errorText: true },
    }),
  ]);
  const problems: Text[] = [];
  if (workers.length === 0 && queued + running > 0)
    problems.push(text(running ? "health.noWorkerRunning" : "health.noWorker", { queued, running }));
  for (const folder of [path.join(reportDir, "evidence"), path.join(reportDir, "partitions")]) {
    const problem = folderProblem(folder);
    if (problem) problems.push(text("health.cannotWrite", { path: displayPath(folder), problem }));
  }
  if (lastFinished?.error?.includes("evidence could not be written"))
    problems.push(
      text("health.lastRunFailed", {
        runId: lastFinished.id,
        error: recordedOr(runErrorText(lastFinished.errorText), lastFinished.error),
      }),
    );
  return { problems, workers: workers.length, queued, running };
}
