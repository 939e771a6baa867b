import { AuditTable } from "@/app/audit/_components/audit-table";
import { tableQuerySchema } from "@/contracts/table_query";
import { requireReader } from "@/lib/auth/page";
import { AUDIT_FILTERS, AUDIT_SORTS, auditPage } from "@/lib/views/audit";

export const dynamic = "force-dynamic";

const querySchema = tableQuerySchema(AUDIT_SORTS, AUDIT_FILTERS, "id");

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireReader("/audit");
  const query = querySchema.parse(await searchParams);
  const page = await auditPage(query);
  return (
    <section>
      <h1>Audit trail</h1>
      <p className="muted">
        Every sign-in, plan, action, run, review and refusal, with who and when — the whole history, newest first. Text filters match from the start (e.g. <code>operator@</code>,{" "}
        <code>review.</code>, <code>2026-04</code>).
      </p>
      <div className="panel">
        <AuditTable rows={page.rows} query={query} paged={{ pageCount: page.pageCount, total: page.total }} />
      </div>
    </section>
  );
}
