import { EvidenceTable } from "@/app/evidence/_components/evidence-table";
import { tableQuerySchema } from "@/contracts/table_query";
import { requireReader } from "@/lib/auth/page";
import { evidenceRows } from "@/lib/queries/evidence";

export const dynamic = "force-dynamic";

const querySchema = tableQuerySchema(["runId", "partitionKey", "action", "operator", "checksFailed", "state", "ageMinutes"], ["state", "partition", "action", "operator"], "runId");

export default async function EvidencePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireReader("/evidence");
  const raw = await searchParams;
  // The queue opens on what needs a reviewer; "any" is one click away.
  const query = querySchema.parse({ state: "awaiting review", ...raw });
  const rows = await evidenceRows();
  const waiting = rows.filter((r) => r.state === "awaiting review").length;
  return (
    <section>
      <h1>Checks &amp; evidence</h1>
      <p className="muted">
        Every run&apos;s checks and evidence. Nothing reaches week07/week08 until a reviewer approves it, and the operator who started a run cannot approve it. {waiting} run
        {waiting === 1 ? "" : "s"} awaiting review.
      </p>
      <div className="panel">
        <EvidenceTable rows={rows} query={query} actions={["scheduled", "retry", "rerun", "replay", "backfill", "restore", "drill"]} />
      </div>
    </section>
  );
}
