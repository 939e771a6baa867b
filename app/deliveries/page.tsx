import Link from "next/link";
import { resendDeliveryAction } from "@/app/deliveries/actions";
import { ActionButton } from "@/components/action-button";
import { Pager } from "@/components/pager";
import { requireReader } from "@/lib/auth/page";
import { allowed, policy } from "@/lib/policy";
import { DELIVERY_STATUSES, deliveryList, type DeliveryStatus } from "@/lib/views/deliveries";
import { utcTimestamp } from "@/lib/domain/partition";

export const dynamic = "force-dynamic";


export default async function DeliveriesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireReader("/deliveries");
  const params = await searchParams;
  const pageNo = Math.max(1, Number(params.page) || 1);
  const status = (DELIVERY_STATUSES as readonly string[]).includes(String(params.status)) ? (params.status as DeliveryStatus) : undefined;
  const page = await deliveryList(pageNo, status);
  const hooks = policy().notifications.webhooks;
  const mayResend = allowed(user, "execute");
  return (
    <section>
      <h1>Webhook deliveries</h1>
      <p className="muted">
        Every notification sent to a webhook of the recovery policy, newest first: signed with the webhook&apos;s secret, tried again after a doubling wait, and marked failed after{" "}
        {policy().notifications.delivery_attempts} attempts. An operator can resend any delivery.
      </p>
      <section className="panel" aria-labelledby="hooks-heading">
        <h2 id="hooks-heading">Webhooks in the policy ({hooks.length})</h2>
        {hooks.length === 0 ? (
          <p className="muted">
            None: nobody is notified. Add one under <code>notifications.webhooks</code> of the recovery policy (name, url, events, secret_env) — see the README&apos;s “Notifications”.
          </p>
        ) : (
          <ul>
            {hooks.map((h) => (
              <li key={h.name}>
                <strong>{h.name}</strong> → <code>{h.url}</code> · {h.events.join(", ")} · signed with <code>{h.secret_env}</code>
              </li>
            ))}
          </ul>
        )}
      </section>
      <nav aria-label="Filter by status" className="inline-list filter-tabs">
        <Link href="/deliveries" aria-current={!status ? "page" : undefined}>
          all ({Object.values(page.statusCounts).reduce((a, b) => a + b, 0)})
        </Link>
        {DELIVERY_STATUSES.map((s) => (
          <Link key={s} href={`/deliveries?status=${s}`} aria-current={status === s ? "page" : undefined}>
            {s} ({page.statusCounts[s]})
          </Link>
        ))}
      </nav>
      {page.rows.length === 0 ? (
        <p className="muted panel">No deliveries{status ? ` ${status}` : ""}.</p>
      ) : (
        <table className="table panel">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Event</th>
              <th scope="col">Webhook</th>
              <th scope="col">Status</th>
              <th scope="col">Attempts</th>
              <th scope="col">Last answer</th>
              <th scope="col">Next attempt / delivered</th>
              {mayResend && <th scope="col">Resend</th>}
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
                <td>{d.status}</td>
                <td>{d.attempts}</td>
                <td className="small">{d.lastError ?? (d.lastStatus ? `answered ${d.lastStatus}` : "—")}</td>
                <td className="small">{d.deliveredAt ? `delivered ${utcTimestamp(d.deliveredAt)}` : d.status === "pending" ? utcTimestamp(d.nextAttemptAt) : "—"}</td>
                {mayResend && (
                  <td>
                    <ActionButton action={resendDeliveryAction} fields={{ deliveryId: String(d.id) }} label="Resend" pendingLabel="Queuing…" className="secondary" />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager page={pageNo} pageCount={page.pageCount} params={status ? { status } : {}} label="Delivery pages" />
    </section>
  );
}
