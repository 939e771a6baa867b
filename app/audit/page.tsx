import { AuditTable } from "@/app/audit/_components/audit-table";
import { tableQuerySchema } from "@/contracts/table_query";
import { requireReader } from "@/lib/auth/page";
import { AUDIT_PAGE_LIMIT, auditRows } from "@/lib/queries/audit";

export const dynamic = "force-dynamic";

const querySchema = tableQuerySchema(["id", "at", "actor", "action", "target", "outcome"], ["actor", "action", "target", "outcome"], "id");

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireReader("/audit");
  const query = querySchema.parse(await searchParams);
  const rows = await auditRows();
  return (
    <section>
      <h1>Audit trail</h1>
      <p className="muted">Every sign-in, plan, action, check run, review and refusal, with who and when (newest {AUDIT_PAGE_LIMIT.toLocaleString("en")}).</p>
      <div className="panel">
        <AuditTable rows={rows} query={query} />
      </div>
    </section>
  );
}
