import { EvidenceTable } from "@/app/evidence/_components/evidence-table";
import { tableQuerySchema } from "@/contracts/table_query";
import { LiveUpdates } from "@/components/live-updates";
import { requireReader } from "@/lib/auth/page";
import { EVIDENCE_FILTERS, EVIDENCE_SORTS, evidenceQueue } from "@/lib/views/evidence-queue";

export const dynamic = "force-dynamic";

const querySchema = tableQuerySchema(EVIDENCE_SORTS, EVIDENCE_FILTERS, "runId");

export default async function EvidencePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireReader("/evidence");
  // The queue opens on what needs a reviewer; "any" is one click away.
  const query = querySchema.parse({ state: "awaiting review", ...(await searchParams) });
  const page = await evidenceQueue(query);
  const waiting = page.stateCounts["awaiting review"];
  return (
    <section>
      <h1>Checks &amp; evidence</h1>
      <LiveUpdates />
      <p className="muted">
        Every run&apos;s checks and evidence. Nothing reaches week07/week08 until a reviewer approves it, and the operator who started a run cannot approve it. {waiting.toLocaleString("en")} run
        {waiting === 1 ? "" : "s"} awaiting review.
      </p>
      {page.problem && (
        <p role="alert" className="error">
          {page.problem}
        </p>
      )}
      <div className="panel">
        <EvidenceTable
          rows={page.rows}
          query={query}
          paged={{ pageCount: page.pageCount, total: page.total }}
          stateCounts={page.stateCounts}
          actions={["scheduled", "retry", "rerun", "replay", "backfill", "restore", "drill"]}
        />
      </div>
    </section>
  );
}
