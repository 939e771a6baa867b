import { getTranslations } from "next-intl/server";
import { BackfillsTable } from "@/app/backfills/_components/backfills-table";
import { tableQuerySchema } from "@/contracts/table_query";
import { LiveUpdates } from "@/components/live-updates";
import { requireReader } from "@/lib/auth/page";
import { BACKFILL_FILTERS, BACKFILL_SORTS, backfillRows } from "@/lib/views/backfills";
import { withClientMessages } from "@/components/client-messages";

export const dynamic = "force-dynamic";

const querySchema = tableQuerySchema(BACKFILL_SORTS, BACKFILL_FILTERS, "id");

async function BackfillsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireReader("/backfills");
  const query = querySchema.parse(await searchParams);
  const [page, t] = await Promise.all([backfillRows(query), getTranslations("backfills")]);
  return (
    <section>
      <h1>{t("title")}</h1>
      <LiveUpdates />
      <p className="muted">{t("intro")}</p>
      <div className="panel">
        <BackfillsTable rows={page.rows} query={query} paged={{ pageCount: page.pageCount, total: page.total }} />
      </div>
    </section>
  );
}

export default withClientMessages("app/backfills/page", BackfillsPage);
