"use client";

import { ConfirmGroup } from "@/components/confirm-group";
import { keepTyped } from "@/components/keep-typed";
import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { drillAction, type DrillFormState } from "@/app/drills/actions";
import type { DrillKind } from "@/lib/domain/drills";
import { DateField } from "@/components/date-field";

/**
 * Preview, then Apply exactly what was previewed. The inputs keep what was typed across answers; Apply is enabled
 * only while they equal the previewed ones (its token says which), and asks for a confirmation naming the partition.
 */
export function DrillForm({
  kind,
  title,
  assets,
  checks,
  defaultPartition,
}: {
  kind: DrillKind;
  title: string;
  assets: { key: string; label: string }[];
  checks: string[];
  defaultPartition: string;
}) {
  const t = useTranslations("drillForm");
  const [state, action, pending] = useActionState<DrillFormState, FormData>(drillAction, {});
  const needsPartition = kind !== "load_broken_manifest";
  const needsAsset = kind === "fail_check" || kind === "inject_transient_fault";
  const [inputs, setInputs] = useState({
    partitionKey: needsPartition ? defaultPartition : undefined,
    assetKey: needsAsset ? assets[1]?.key : undefined,
    checkName: kind === "fail_check" ? "priority_valid" : undefined,
  });
  const [confirming, setConfirming] = useState(false);
  const set = (field: keyof typeof inputs) => (e: { target: { value: string } }) => {
    setInputs({ ...inputs, [field]: e.target.value });
    setConfirming(false);
  };
  const previewed =
    state.intent === "preview" &&
    state.ok &&
    state.token &&
    JSON.stringify(state.previewed) ===
      JSON.stringify(Object.fromEntries(Object.entries(inputs).filter(([, v]) => v !== undefined)));
  const target = inputs.partitionKey ? t("targetPartition", { key: inputs.partitionKey }) : t("targetManifests");
  const previewTarget = state.previewed?.partitionKey
    ? t("targetPartition", { key: state.previewed.partitionKey })
    : t("targetManifests");
  return (
    <form onSubmit={keepTyped(action)} className="form drill-form" aria-label={t("label", { kind })}>
      <input type="hidden" name="kind" value={kind} />
      {previewed && <input type="hidden" name="token" value={state.token} />}
      <div className="inline-form wrap">
        {needsPartition && (
          <label>
            {t("partition")}{" "}
            <DateField name="partitionKey" value={inputs.partitionKey} onChange={set("partitionKey")} required />
          </label>
        )}
        {needsAsset && (
          <label>
            {t("asset")}
            <select name="assetKey" value={inputs.assetKey} onChange={set("assetKey")}>
              {assets.map((a) => (
                <option key={a.key} value={a.key}>
                  {a.label}
                </option>
              ))}
            </select>
          </label>
        )}
        {kind === "fail_check" && (
          <label>
            {t("check")}
            <select name="checkName" value={inputs.checkName} onChange={set("checkName")}>
              {checks.map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          </label>
        )}
        <button type="submit" name="intent" value="preview" className="secondary" disabled={pending}>
          {t("preview")}
        </button>
        {!confirming && (
          <button
            type="button"
            disabled={pending || !previewed}
            onClick={() => setConfirming(true)}
            title={previewed ? undefined : t("previewFirst")}
          >
            {t("apply")}
          </button>
        )}
      </div>
      {confirming && previewed && (
        <ConfirmGroup
          label={t("confirm", { kind })}
          question={t("question", { title, target })}
          yes={t("yes", { target })}
          notNow={t("notNow")}
          intent="apply"
          pending={pending}
          onCancel={() => setConfirming(false)}
        />
      )}
      <div role="status" aria-live="polite" className={state.ok === false ? "field-error" : "small"}>
        {state.message}
        {state.lines && (
          <>
            <strong>
              {state.intent === "preview" ? t(previewed ? "previewOf" : "previewStale", { target: previewTarget }) : ""}
            </strong>
            <ul>
              {state.lines.map((l) => (
                <li key={l}>{l}</li>
              ))}
            </ul>
          </>
        )}
      </div>
    </form>
  );
}
