import { PlansTable } from "@/app/plans/_components/plans-table";
import { tableQuerySchema } from "@/contracts/table_query";
import { requireReader } from "@/lib/auth/page";
import { RECOVERY_ACTIONS } from "@/lib/domain/recovery";
import { PLAN_FILTERS, PLAN_SORTS, PLAN_STATUSES, planList } from "@/lib/views/plans";

export const dynamic = "force-dynamic";

const querySchema = tableQuerySchema(PLAN_SORTS, PLAN_FILTERS, "createdAt");

export default async function PlansPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireReader("/plans");
  const query = querySchema.parse(await searchParams);
  const page = await planList(query);
  return (
    <section>
      <h1>Plans</h1>
      <p className="muted">
        Every dry-run plan, as its operator reviewed it. A plan&apos;s id is a hash of its content, so planning the same state twice gives the same plan.
      </p>
      {page.problem && (
        <p role="alert" className="error">
          {page.problem}
        </p>
      )}
      <div className="panel">
        <PlansTable rows={page.rows} query={query} paged={{ pageCount: page.pageCount, total: page.total }} actions={[...RECOVERY_ACTIONS]} statuses={[...PLAN_STATUSES]} />
      </div>
    </section>
  );
}
