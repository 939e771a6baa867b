import { getTranslations } from "next-intl/server";
import { EvidenceTable } from "@/app/evidence/_components/evidence-table";
import { say } from "@/lib/i18n/server";
import { tableQuerySchema } from "@/contracts/table_query";
import { LiveUpdates } from "@/components/live-updates";
import { requireReader } from "@/lib/auth/page";
import { EVIDENCE_FILTERS, EVIDENCE_SORTS, evidenceQueue } from "@/lib/views/evidence-queue";
import { withClientMessages } from "@/components/client-messages";

export const dynamic = "force-dynamic";

const querySchema = tableQuerySchema(EVIDENCE_SORTS, EVIDENCE_FILTERS, "runId");

async function EvidencePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireReader("/evidence");
  // The queue opens on what needs a reviewer; "any" is one click away.
  const query = querySchema.parse({ state: "awaiting review", ...(await searchParams) });
  const [page, t] = await Promise.all([evidenceQueue(query), getTranslations("evidenceQueue")]);
  const waiting = page.stateCounts["awaiting review"];
  return (
    <section>
      <h1>{t("title")}</h1>
      <LiveUpdates />
      <p className="muted">{t("intro", { count: waiting })}</p>
      {page.problem && (
        <p role="alert" className="error">
          {await say(page.problem)}
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

export default withClientMessages("app/evidence/page", EvidencePage);
