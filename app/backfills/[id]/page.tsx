import Link from "next/link";
import { notFound } from "next/navigation";
import { BackfillLive } from "@/app/backfills/_components/backfill-live";
import { requireReader } from "@/lib/auth/page";
import { backfillProgress } from "@/lib/engine/backfill";
import { allowed } from "@/lib/policy";
import { LiveUpdates } from "@/components/live-updates";
import { FINISHED_BACKFILL } from "@/lib/domain/backfill";
import { BulkReview } from "@/app/evidence/_components/bulk-review";
import { MAX_BULK_RUNS } from "@/contracts/review";
import { MAX_CONCURRENT_RUNS } from "@/contracts/engine";
import { onPostgres } from "@/lib/raw";
import { DOWNSTREAM_CONSUMERS } from "@/lib/domain/assets";
import { backfillReviewList } from "@/lib/views/evidence-queue";

export const dynamic = "force-dynamic";

export default async function BackfillPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireReader(`/backfills/${id}`);
  const progress = /^\d{1,9}$/.test(id) ? await backfillProgress(Number(id)) : null;
  if (!progress) notFound();
  const review = await backfillReviewList(progress.id, MAX_BULK_RUNS);
  const finished = FINISHED_BACKFILL.includes(progress.status);
  const awaiting = review.rows.filter((r) => r.state === "awaiting review").length;
  const window = progress.firstKey === progress.lastKey ? progress.firstKey : `${progress.firstKey} .. ${progress.lastKey}`;
  return (
    <section>
      <nav aria-label="Breadcrumb" className="muted small">
        <Link href="/backfills">Backfills</Link> › #{progress.id}
      </nav>
      <div className="page-head">
        <div>
          <h1>
            Backfill #{progress.id}: {progress.action} {window}
          </h1>
          <p className="muted">
            {progress.partitionCount} partition{progress.partitionCount === 1 ? "" : "s"} · plan <Link href={`/plans/${progress.planId}`}>{progress.planId}</Link> · started by {progress.createdBy} at{" "}
            {progress.createdAt.replace("T", " ").slice(0, 19)} UTC · priority {["low", "normal", "high"][progress.priority] ?? progress.priority}
            {progress.reexecutesBackfillId && (
              <>
                {" "}
                · re-executes <Link href={`/backfills/${progress.reexecutesBackfillId}`}>backfill #{progress.reexecutesBackfillId}</Link>
              </>
            )}
          </p>
        </div>
      </div>
      <BackfillLive initial={progress} mayControl={allowed(user, "execute")} concurrencyLimit={onPostgres() ? MAX_CONCURRENT_RUNS : 1} />
      {(review.total > 0 || !finished) && (
        <section className="panel" aria-labelledby="bulk-review-heading">
          <h2 id="bulk-review-heading">Review the window ({awaiting} awaiting review)</h2>
          <LiveUpdates />
          <p className="muted small">
            Each run keeps its own evidence page; here one decision and one reason cover the runs you select. Separation of duties, supersession and the required checks are still judged run by run.
            {review.total > review.rows.length && ` Showing the first ${review.rows.length} of ${review.total} runs.`}
          </p>
          {allowed(user, "review") ? (
            <BulkReview rows={review.rows} me={user.email} releasesTo={`its partition to ${DOWNSTREAM_CONSUMERS.join(" and ")}`} />
          ) : (
            <p className="muted">Only reviewers decide. You are signed in as {user.roles.join(", ") || "no role"}.</p>
          )}
        </section>
      )}
    </section>
  );
}
