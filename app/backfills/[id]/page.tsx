import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { BackfillLive } from "@/app/backfills/_components/backfill-live";
import { BackfillRunsTable } from "@/app/backfills/_components/backfill-runs-table";
import { tableQuerySchema } from "@/contracts/table_query";
import {
  BACKFILL_RUN_FILTERS,
  BACKFILL_RUN_SORTS,
  BACKFILL_RUNS_PER_PAGE,
  backfillRunRows,
} from "@/lib/views/backfills";
import { requireReader } from "@/lib/auth/page";
import { backfillProgress, sayErrors } from "@/lib/engine/backfill";
import { allowed } from "@/lib/policy";
import { LiveUpdates } from "@/components/live-updates";
import { FINISHED_BACKFILL } from "@/lib/domain/backfill";
import { BulkReview } from "@/app/evidence/_components/bulk-review";
import { MAX_BULK_RUNS } from "@/contracts/review";
import { MAX_CONCURRENT_RUNS } from "@/contracts/engine";
import { onPostgres } from "@/lib/raw";
import { DOWNSTREAM_CONSUMERS, nameList } from "@/lib/domain/assets";
import { readerLocale } from "@/lib/i18n/server";
import { render } from "@/lib/i18n/text";
import { backfillReviewList } from "@/lib/views/evidence-queue";
import { utcTimestamp } from "@/lib/domain/partition";
import { parseStoreId } from "@/contracts/fields";
import { withClientMessages } from "@/components/client-messages";

export const dynamic = "force-dynamic";

const runsQuerySchema = tableQuerySchema(BACKFILL_RUN_SORTS, BACKFILL_RUN_FILTERS, "partitionKey");

async function BackfillPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await params;
  const user = await requireReader(`/backfills/${id}`);
  const runsQuery = runsQuerySchema.parse(await searchParams);
  const [t, runsWords, priorities, locale] = await Promise.all([
    getTranslations("backfillPage"),
    getTranslations("backfillPage.runs"),
    getTranslations("priority"),
    readerLocale(),
  ]);
  const backfillId = parseStoreId(id);
  const progress = backfillId === null ? null : await backfillProgress(backfillId);
  if (!progress) notFound();
  const [review, runs] = await Promise.all([
    backfillReviewList(progress.id, MAX_BULK_RUNS),
    backfillRunRows(progress.id, runsQuery),
  ]);
  const finished = FINISHED_BACKFILL.includes(progress.status);
  const awaiting = review.rows.filter((r) => r.state === "awaiting review").length;
  const window =
    progress.firstKey === progress.lastKey ? progress.firstKey : `${progress.firstKey} .. ${progress.lastKey}`;
  return (
    <section>
      <nav aria-label={t("breadcrumb")} className="muted small">
        <Link href="/backfills">{t("backfills")}</Link> › #{progress.id}
      </nav>
      <div className="page-head">
        <div>
          <h1>{t("title", { id: progress.id, action: progress.action, window })}</h1>
          <p className="muted">
            {t("partitions", { count: progress.partitionCount })} · {t("plan")}{" "}
            <Link href={`/plans/${progress.planId}`}>{progress.planId}</Link> ·{" "}
            {t("startedBy", { who: progress.createdBy, time: utcTimestamp(new Date(progress.createdAt)) })} ·{" "}
            {t("priority", {
              priority: (["low", "normal", "high"] as const)[progress.priority]
                ? priorities((["low", "normal", "high"] as const)[progress.priority]!)
                : progress.priority,
            })}
            {progress.reexecutesBackfillId && (
              <>
                {" "}
                · {t("reexecutes")}{" "}
                <Link href={`/backfills/${progress.reexecutesBackfillId}`}>
                  {t("backfillLink", { id: progress.reexecutesBackfillId })}
                </Link>
              </>
            )}
          </p>
        </div>
      </div>
      <BackfillLive
        initial={sayErrors(progress, locale)}
        mayControl={allowed(user, "execute")}
        concurrencyLimit={onPostgres() ? MAX_CONCURRENT_RUNS : 1}
      />
      <section className="panel" aria-labelledby="runs-heading">
        <h2 id="runs-heading">{runsWords("heading")}</h2>
        <p className="muted small">{runsWords("help")}</p>
        {/* The whole page follows the store: this table, and the review below, are drawn again when it moves. */}
        <LiveUpdates />
        {runs.problem && (
          <p role="alert" className="error">
            {render(runs.problem, locale)}
          </p>
        )}
        <BackfillRunsTable
          rows={runs.rows}
          query={runsQuery}
          paged={{ pageCount: runs.pageCount, total: runs.total }}
          statusCounts={runs.statusCounts}
          pageSize={BACKFILL_RUNS_PER_PAGE}
        />
      </section>
      {(review.total > 0 || !finished) && (
        <section className="panel" aria-labelledby="bulk-review-heading">
          <h2 id="bulk-review-heading">{t("reviewWindow", { count: awaiting })}</h2>
          <p className="muted small">
            {t("reviewHelp")}
            {review.total > review.rows.length && t("showingFirst", { shown: review.rows.length, total: review.total })}
          </p>
          {allowed(user, "review") ? (
            <BulkReview
              rows={review.rows}
              me={user.email}
              releasesTo={t("releasesTo", { consumers: render(nameList([...DOWNSTREAM_CONSUMERS]), locale) })}
            />
          ) : (
            <p className="muted">{t("onlyReviewers", { roles: user.roles.join(", ") || t("noRole") })}</p>
          )}
        </section>
      )}
    </section>
  );
}

export default withClientMessages("app/backfills/[id]/page", BackfillPage);
