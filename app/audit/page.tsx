import { getTranslations } from "next-intl/server";
import { AuditTable } from "@/app/audit/_components/audit-table";
import { tableQuerySchema } from "@/contracts/table_query";
import { requireReader } from "@/lib/auth/page";
import { AUDIT_FILTERS, AUDIT_SORTS, auditDetailParts, auditPage } from "@/lib/views/audit";
import { readerLocale } from "@/lib/i18n/server";
import { withClientMessages } from "@/components/client-messages";

export const dynamic = "force-dynamic";

const querySchema = tableQuerySchema(AUDIT_SORTS, AUDIT_FILTERS, "id");

async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireReader("/audit");
  const query = querySchema.parse(await searchParams);
  const [page, t, locale] = await Promise.all([auditPage(query), getTranslations("audit"), readerLocale()]);
  const rows = page.rows.map((r) => ({ ...r, said: auditDetailParts(r.detail, locale) }));
  return (
    <section>
      <h1>{t("title")}</h1>
      <p className="muted">{t("intro")}</p>
      <div className="panel">
        <AuditTable rows={rows} query={query} paged={{ pageCount: page.pageCount, total: page.total }} />
      </div>
    </section>
  );
}

export default withClientMessages("app/audit/page", AuditPage);
