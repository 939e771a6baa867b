import Link from "next/link";
import { notFound } from "next/navigation";
import { BackfillLive } from "@/app/backfills/_components/backfill-live";
import { requireReader } from "@/lib/auth/page";
import { backfillProgress } from "@/lib/engine/backfill";
import { allowed } from "@/lib/policy";

export const dynamic = "force-dynamic";

export default async function BackfillPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireReader(`/backfills/${id}`);
  const progress = /^\d{1,9}$/.test(id) ? await backfillProgress(Number(id)) : null;
  if (!progress) notFound();
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
      <BackfillLive initial={progress} mayControl={allowed(user, "execute")} />
    </section>
  );
}
