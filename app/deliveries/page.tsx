import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { resendDeliveryAction } from "@/app/deliveries/actions";
import { ActionButton } from "@/components/action-button";
import { Pager } from "@/components/pager";
import { requireReader } from "@/lib/auth/page";
import { allowed, policy } from "@/lib/policy";
import { DELIVERY_STATUSES, type DeliveryStatus } from "@/lib/notify/outbox";
import { deliveryList } from "@/lib/views/deliveries";
import { utcTimestamp } from "@/lib/domain/partition";
import { Panel } from "@/components/panel";
import { isOneOf } from "@/lib/domain/one-of";
import { readerLocale } from "@/lib/i18n/server";
import { recordedParts } from "@/lib/i18n/text";
import { Said } from "@/components/said";
import { ScrollTable } from "@/components/scroll-table";
import { withClientMessages } from "@/components/client-messages";

export const dynamic = "force-dynamic";

async function DeliveriesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireReader("/deliveries");
  const params = await searchParams;
  const pageNo = Math.max(1, Number(params.page) || 1);
  const status = isOneOf(DELIVERY_STATUSES, String(params.status)) ? (params.status as DeliveryStatus) : undefined;
  const [page, t, locale] = await Promise.all([
    deliveryList(pageNo, status),
    getTranslations("deliveries"),
    readerLocale(),
  ]);
  const hooks = policy().notifications.webhooks;
  const mayResend = allowed(user, "execute");
  return (
    <section>
      <h1>{t("title")}</h1>
      <p className="muted">{t("intro", { attempts: policy().notifications.delivery_attempts })}</p>
      <Panel
        id="hooks-heading"
        title={t("hooks", { count: hooks.length })}
        empty={hooks.length === 0 ? t("noHooks") : undefined}
      >
        <ul>
          {hooks.map((h) => (
            <li key={h.name}>
              <strong>{h.name}</strong> → <code>{h.url}</code> · {h.events.join(", ")} · {t("signedWith")}{" "}
              <code>{h.secret_env}</code>
            </li>
          ))}
        </ul>
      </Panel>
      <nav aria-label={t("filter")} className="inline-list filter-tabs">
        <Link href="/deliveries" aria-current={!status ? "page" : undefined}>
          {t("all", { count: Object.values(page.statusCounts).reduce((a, b) => a + b, 0) })}
        </Link>
        {DELIVERY_STATUSES.map((s) => (
          <Link key={s} href={`/deliveries?status=${s}`} aria-current={status === s ? "page" : undefined}>
            {t(`status.${s}`)} ({page.statusCounts[s]})
          </Link>
        ))}
      </nav>
      {page.rows.length === 0 ? (
        <p className="muted panel">{status ? t("noneStatus", { status: t(`status.${status}`) }) : t("none")}</p>
      ) : (
        <ScrollTable className="table panel">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t("colEvent")}</th>
              <th scope="col">{t("colWebhook")}</th>
              <th scope="col">{t("colStatus")}</th>
              <th scope="col">{t("colAttempts")}</th>
              <th scope="col">{t("colAnswer")}</th>
              <th scope="col">{t("colNext")}</th>
              {mayResend && <th scope="col">{t("colResend")}</th>}
            </tr>
          </thead>
          <tbody>
            {page.rows.map((d) => (
              <tr key={d.id} className={d.status === "failed" ? "row-failed" : ""}>
                <td>{d.id}</td>
                <td>
                  <code>{d.event}</code>
                  <br />
                  <span className="muted small">{d.subject}</span>
                </td>
                <td>
                  {d.endpoint}
                  <br />
                  <span className="muted small breakable">{d.url}</span>
                </td>
                <td>{t(`status.${d.status as DeliveryStatus}`)}</td>
                <td>{d.attempts}</td>
                <td className="small">
                  {d.lastError !== null ? (
                    <Said parts={recordedParts(d.lastErrorText, d.lastError, locale)} />
                  ) : d.lastStatus ? (
                    t("answered", { status: d.lastStatus })
                  ) : (
                    "—"
                  )}
                </td>
                <td className="small">
                  {d.deliveredAt
                    ? t("delivered", { time: utcTimestamp(d.deliveredAt) })
                    : d.status === "pending"
                      ? utcTimestamp(d.nextAttemptAt)
                      : "—"}
                </td>
                {mayResend && (
                  <td>
                    {/* A delivered event is never sent again: receivers dedupe on its delivery id. */}
                    {d.status === "delivered" ? (
                      <span className="muted small">{t("notResent")}</span>
                    ) : (
                      <ActionButton
                        action={resendDeliveryAction}
                        fields={{ deliveryId: String(d.id) }}
                        label={t("resend")}
                        pendingLabel={t("queuing")}
                        className="secondary"
                      />
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
      <Pager page={pageNo} pageCount={page.pageCount} params={status ? { status } : {}} label={t("pages")} />
    </section>
  );
}

export default withClientMessages("app/deliveries/page", DeliveriesPage);
