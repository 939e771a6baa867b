import { getTranslations } from "next-intl/server";
import { PlansTable } from "@/app/plans/_components/plans-table";
import { say } from "@/lib/i18n/server";
import { tableQuerySchema } from "@/contracts/table_query";
import { requireReader } from "@/lib/auth/page";
import { RECOVERY_ACTIONS } from "@/lib/domain/recovery";
import { PLAN_STATUSES } from "@/lib/domain/plan-document";
import { PLAN_FILTERS, PLAN_SORTS, planList } from "@/lib/views/plans";
import { withClientMessages } from "@/components/client-messages";

export const dynamic = "force-dynamic";

const querySchema = tableQuerySchema(PLAN_SORTS, PLAN_FILTERS, "createdAt");

async function PlansPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireReader("/plans");
  const query = querySchema.parse(await searchParams);
  const [page, t] = await Promise.all([planList(query), getTranslations("plansList")]);
  return (
    <section>
      <h1>{t("title")}</h1>
      <p className="muted">{t("intro")}</p>
      {page.problem && (
        <p role="alert" className="error">
          {await say(page.problem)}
        </p>
      )}
      <div className="panel">
        <PlansTable
          rows={page.rows}
          query={query}
          paged={{ pageCount: page.pageCount, total: page.total }}
          actions={[...RECOVERY_ACTIONS]}
          statuses={[...PLAN_STATUSES]}
        />
      </div>
    </section>
  );
}

export default withClientMessages("app/plans/page", PlansPage);
