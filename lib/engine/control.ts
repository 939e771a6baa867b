// The operator's controls over running work, one entry for the buttons, the JSON API and the CLI alike.
import type { BackfillControlRequest } from "@/contracts/engine";
import type { Refused } from "@/lib/domain/refusal";
import {
  cancelBackfill,
  pauseBackfill,
  replanUnfinished,
  resumeBackfill,
  setMaxConcurrentRuns,
} from "@/lib/engine/backfill";
import { cancelRun } from "@/lib/engine/execute-plan";
import { forceReleaseRun } from "@/lib/engine/recovery";
import { told, type Text } from "@/lib/i18n/text";

export type ControlOutcome = { ok: true; message: string; text: Text; planId?: string } | Refused;

export async function controlBackfill(
  id: number,
  { control, maxConcurrentRuns }: BackfillControlRequest,
  actor: string,
): Promise<ControlOutcome> {
  switch (control) {
    case "concurrency":
      return setMaxConcurrentRuns(id, maxConcurrentRuns ?? 1, actor);
    case "pause":
      return pauseBackfill(id, actor);
    case "resume":
      return resumeBackfill(id, actor);
    case "cancel":
      return cancelBackfill(id, actor);
    case "reexecute": {
      const made = await replanUnfinished(id, actor);
      if (!made.ok) return made;
      const count = made.plan.partitions.filter((p) => p.included).length;
      return {
        ok: true,
        planId: made.plan.plan_id,
        ...told("engine.replanned", { planId: made.plan.plan_id, action: made.plan.recovery_action, count }),
      };
    }
  }
}

export async function controlRun(
  id: number,
  control: "cancel" | "release",
  actor: string,
  reason?: string,
): Promise<ControlOutcome> {
  return control === "cancel" ? cancelRun(id, actor) : forceReleaseRun(id, actor, reason ?? "");
}
