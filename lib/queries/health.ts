// What the calendar's health line says: whether a worker is alive to execute queued runs, whether the reports
// folder can take evidence, and whether the last run failed because it could not. Read-only: it never writes.
import fs from "node:fs";
import path from "node:path";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { liveWorkers } from "@/lib/engine/worker";
import { displayPath } from "@/lib/pipeline/plans";

export interface EngineHealth {
  problems: string[];
  workers: number;
  queued: number;
  running: number;
}

const LOW_DISK_BYTES = 100 * 1024 * 1024;

function folderProblem(dir: string): string | null {
  // The nearest existing ancestor decides whether the folder can be created and written.
  let probe = dir;
  while (!fs.existsSync(probe) && path.dirname(probe) !== probe) probe = path.dirname(probe);
  try {
    if (!fs.statSync(probe).isDirectory()) return `${displayPath(probe)} is not a folder`;
    fs.accessSync(probe, fs.constants.W_OK);
    const { bavail, bsize } = fs.statfsSync(probe);
    if (bavail * bsize < LOW_DISK_BYTES) return `the disk holding ${displayPath(probe)} has ${Math.round((bavail * bsize) / 1024 / 1024)} MB free`;
    return null;
  } catch (e) {
    return `${displayPath(probe)}: ${e instanceof Error ? e.message : String(e)}`;
  }
}

export async function engineHealth(): Promise<EngineHealth> {
  const { reportDir } = config();
  const [workers, queued, running, lastFinished] = await Promise.all([
    liveWorkers(),
    db.run.count({ where: { status: "queued" } }),
    db.run.count({ where: { status: "running" } }),
    db.run.findFirst({ where: { finishedAt: { not: null } }, orderBy: { finishedAt: "desc" }, select: { id: true, error: true } }),
  ]);
  const problems: string[] = [];
  if (workers.length === 0 && queued + running > 0) {
    problems.push(`No worker is running: ${queued} run${queued === 1 ? " is" : "s are"} queued${running ? ` and ${running} left running` : ""}. Start one with \`npm run worker\`.`);
  }
  for (const folder of [path.join(reportDir, "evidence"), path.join(reportDir, "partitions")]) {
    const problem = folderProblem(folder);
    if (problem) problems.push(`Runs cannot write to ${displayPath(folder)} (${problem}); they fail until it is fixed.`);
  }
  if (lastFinished?.error?.includes("evidence could not be written")) problems.push(`The last run (#${lastFinished.id}) failed: ${lastFinished.error}.`);
  return { problems, workers: workers.length, queued, running };
}
