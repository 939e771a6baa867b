import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { LiveUpdates } from "@/components/live-updates";
import { requireReader } from "@/lib/auth/page";
import { config } from "@/lib/config";
import { workerRoster, type LiveWorker } from "@/lib/engine/worker";
import { utcTimestamp } from "@/lib/domain/partition";
import { Panel } from "@/components/panel";
import { ScrollTable } from "@/components/scroll-table";
import { withClientMessages } from "@/components/client-messages";

export const dynamic = "force-dynamic";

/** Who a worker is (id, host, PID), then the columns its list adds. */
function WorkerTable<W extends LiveWorker>({
  workers,
  columns,
  heads,
}: {
  workers: W[];
  columns: [heading: string, cell: (w: W) => ReactNode][];
  heads: [string, string, string];
}) {
  return (
    <ScrollTable>
      <thead>
        <tr>
          <th scope="col">{heads[0]}</th>
          <th scope="col">{heads[1]}</th>
          <th scope="col">{heads[2]}</th>
          {columns.map(([heading]) => (
            <th key={heading} scope="col">
              {heading}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {workers.map((w) => (
          <tr key={w.id}>
            <td>
              <code title={w.id}>{w.id.slice(0, 8)}</code>
            </td>
            <td>{w.host}</td>
            <td>{w.pid}</td>
            {columns.map(([heading, cell]) => (
              <td key={heading}>{cell(w)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}

async function WorkersPage() {
  await requireReader("/workers");
  const [{ live, gone }, t] = await Promise.all([workerRoster(), getTranslations("workers")]);
  const heads: [string, string, string] = [t("colWorker"), t("colHost"), t("colPid")];
  const { store, worker } = config();
  return (
    <section>
      <h1>{t("title")}</h1>
      <p className="muted">
        {t(store.provider === "postgresql" ? "introPg" : "introSqlite", { seconds: Math.round(worker.leaseMs / 1000) })}
      </p>
      <LiveUpdates />
      <Panel
        id="live-heading"
        title={t("alive", { count: live.length })}
        empty={
          live.length === 0 ? (
            <>
              {t("noneAlive")} <code>npm run worker</code>.
            </>
          ) : undefined
        }
        emptyTone="warning"
      >
        <WorkerTable
          workers={live}
          heads={heads}
          columns={[
            [
              t("colRun"),
              (w) =>
                w.currentRunId ? (
                  <Link href={`/runs/${w.currentRunId}`}>{t("runLink", { id: w.currentRunId })}</Link>
                ) : (
                  <span className="muted">{t("idle")}</span>
                ),
            ],
            [t("colHeartbeat"), (w) => utcTimestamp(w.heartbeatAt)],
            [t("colStarted"), (w) => utcTimestamp(w.startedAt)],
          ]}
        />
      </Panel>
      <Panel
        id="gone-heading"
        title={t("gone", { count: gone.length })}
        empty={gone.length === 0 ? t("none") : undefined}
      >
        <WorkerTable
          workers={gone}
          heads={heads}
          columns={[
            [t("colHeartbeat"), (w) => utcTimestamp(w.heartbeatAt)],
            [
              t("colStopped"),
              (w) => (w.stoppedAt ? utcTimestamp(w.stoppedAt) : <span className="error-text">{t("silent")}</span>),
            ],
          ]}
        />
      </Panel>
    </section>
  );
}

export default withClientMessages("app/workers/page", WorkersPage);
