"use client";

import { keepTyped } from "@/components/keep-typed";
import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { planAction } from "@/app/plans/actions";
import type { PlanFormState } from "@/components/plan-form";
import { DateField } from "@/components/date-field";

const REPROCESS = ["missing", "failed_and_missing", "all"] as const;

/** "Plan a backfill window": a dry run over a range. Controlled inputs, so a refusal keeps what was typed. */
export function WindowPlanForm() {
  const t = useTranslations("planForm");
  const [state, action, pending] = useActionState<PlanFormState, FormData>(planAction, {});
  const [v, setV] = useState({
    from: "2026-03-20",
    to: "2026-03-26",
    reprocess: "missing",
    order: "newest_first",
    priority: "normal",
  });
  const set = (field: keyof typeof v) => (e: { target: { value: string } }) => setV({ ...v, [field]: e.target.value });
  return (
    <form onSubmit={keepTyped(action)} className="inline-form wrap">
      <input type="hidden" name="mode" value="dry-run" />
      <label>
        {t("from")} <DateField name="from" required value={v.from} onChange={set("from")} />
      </label>
      <label>
        {t("to")} <DateField name="to" required value={v.to} onChange={set("to")} />
      </label>
      <label>
        {t("reprocess")}
        <select name="reprocess" value={v.reprocess} onChange={set("reprocess")} aria-label={t("reprocess")}>
          {REPROCESS.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("order")}
        <select name="order" value={v.order} onChange={set("order")} aria-label={t("order")}>
          <option value="newest_first">{t("newestFirst")}</option>
          <option value="oldest_first">{t("oldestFirst")}</option>
        </select>
      </label>
      <label>
        {t("priority")}
        <select name="priority" value={v.priority} onChange={set("priority")} aria-label={t("priority")}>
          <option value="high">{t("high")}</option>
          <option value="normal">{t("normal")}</option>
          <option value="low">{t("low")}</option>
        </select>
      </label>
      <button type="submit" disabled={pending}>
        {pending ? t("planning") : t("planWindow")}
      </button>
      <span role="status" aria-live="polite" className="field-error">
        {state.message}
      </span>
    </form>
  );
}
