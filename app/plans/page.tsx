import { PlansTable } from "@/app/plans/_components/plans-table";
import { plansQuerySchema } from "@/contracts/plans_query";
import { requireReader } from "@/lib/auth/page";
import { RECOVERY_ACTIONS } from "@/lib/domain/recovery";
import { listPlans } from "@/lib/queries/plans";

export const dynamic = "force-dynamic";

export default async function PlansPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireReader("/plans");
  const query = plansQuerySchema.parse(await searchParams);
  const rows = await listPlans();
  return (
    <section>
      <h1>Plans</h1>
      <p className="muted">
        Every dry-run plan, as its operator reviewed it. A plan&apos;s id is a hash of its content, so planning the same state twice gives the same plan.
      </p>
      <div className="panel">
        <PlansTable rows={rows} query={query} actions={[...RECOVERY_ACTIONS]} statuses={["planned", "executing", "executed", "drifted"]} />
      </div>
    </section>
  );
}
