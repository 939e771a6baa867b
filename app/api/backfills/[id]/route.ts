// GET /api/backfills/<id> — a backfill's live progress (status, counts, per-partition runs), for its page and scripts.
// POST /api/backfills/<id> — { control: "pause" | "resume" | "cancel" | "reexecute" } or { control: "concurrency",
// maxConcurrentRuns: 1..8 } (more than one on PostgreSQL only) as an operator.
import { z } from "zod";
import { storeId } from "@/contracts/fields";
import { backfillControlBody } from "@/contracts/engine";
import { refusal } from "@/lib/domain/refusal";
import { backfillProgress, sayErrors } from "@/lib/engine/backfill";
import { controlBackfill } from "@/lib/engine/control";
import { route } from "@/lib/http/boundary";

const params = z.object({ id: storeId("contract.notBackfillId") });

export const GET = route(
  { permission: "read", target: (p) => `backfill ${p.id}`, params, body: z.unknown() },
  async ({ params, locale }) => {
    const progress = await backfillProgress(params.id);
    if (!progress) return refusal("not_found", "engine.backfillNotFound", { id: params.id });
    // Errors are said in the caller's language (reading it costs a look-up, so only when there is one to say).
    const said = progress.partitions.some((p) => p.error !== null) ? sayErrors(progress, await locale()) : progress;
    return Response.json(said, { headers: { "cache-control": "no-store" } });
  },
);

export const POST = route(
  {
    permission: "execute",
    target: (p) => `backfill ${p.id}`,
    params,
    body: backfillControlBody,
  },
  async ({ user, params, body }) => {
    const result = await controlBackfill(params.id, body, user.email);
    if (!result.ok) return result;
    return Response.json({
      backfill_id: params.id,
      control: body.control,
      message: result.message,
      ...(result.planId ? { plan_id: result.planId } : {}),
    });
  },
);
