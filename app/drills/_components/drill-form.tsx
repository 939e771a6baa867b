"use client";

import { keepTyped } from "@/components/keep-typed";
import { useActionState, useState } from "react";
import { drillAction, type DrillFormState } from "@/app/drills/actions";
import type { DrillKind } from "@/lib/domain/drills";

/**
 * Preview, then Apply exactly what was previewed. The inputs keep what was typed across answers; Apply is enabled
 * only while they equal the previewed ones (its token says which), and asks for a confirmation naming the partition.
 */
export function DrillForm({ kind, title, assets, checks, defaultPartition }: { kind: DrillKind; title: string; assets: { key: string; label: string }[]; checks: string[]; defaultPartition: string }) {
  const [state, action, pending] = useActionState<DrillFormState, FormData>(drillAction, {});
  const needsPartition = kind !== "load_broken_manifest";
  const needsAsset = kind === "fail_check" || kind === "inject_transient_fault";
  const [inputs, setInputs] = useState({ partitionKey: needsPartition ? defaultPartition : undefined, assetKey: needsAsset ? assets[1]?.key : undefined, checkName: kind === "fail_check" ? "priority_valid" : undefined });
  const [confirming, setConfirming] = useState(false);
  const set = (field: keyof typeof inputs) => (e: { target: { value: string } }) => {
    setInputs({ ...inputs, [field]: e.target.value });
    setConfirming(false);
  };
  const previewed = state.intent === "preview" && state.ok && state.token && JSON.stringify(state.previewed) === JSON.stringify(Object.fromEntries(Object.entries(inputs).filter(([, v]) => v !== undefined)));
  const target = inputs.partitionKey ? `partition ${inputs.partitionKey}` : "the manifests";
  const previewTarget = state.previewed?.partitionKey ? `partition ${state.previewed.partitionKey}` : "the manifests";
  return (
    <form onSubmit={keepTyped(action)} className="form drill-form" aria-label={`Drill ${kind}`}>
      <input type="hidden" name="kind" value={kind} />
      {previewed && <input type="hidden" name="token" value={state.token} />}
      <div className="inline-form wrap">
        {needsPartition && (
          <label>
            Partition <input name="partitionKey" type="date" value={inputs.partitionKey} onChange={set("partitionKey")} required />
          </label>
        )}
        {needsAsset && (
          <label>
            Asset
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
            Check
            <select name="checkName" value={inputs.checkName} onChange={set("checkName")}>
              {checks.map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          </label>
        )}
        <button type="submit" name="intent" value="preview" className="secondary" disabled={pending}>
          Preview
        </button>
        {!confirming && (
          <button type="button" disabled={pending || !previewed} onClick={() => setConfirming(true)} title={previewed ? undefined : "Preview these inputs first"}>
            Apply…
          </button>
        )}
      </div>
      {confirming && previewed && (
        <div className="confirm" role="group" aria-label={`Confirm drill ${kind}`}>
          <p>
            {title}: apply it to <strong>{target}</strong>, as previewed below?
          </p>
          <div className="inline-form">
            <button type="submit" name="intent" value="apply" disabled={pending}>
              {`Yes, apply to ${target}`}
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(false)}>
              Not now
            </button>
          </div>
        </div>
      )}
      <div role="status" aria-live="polite" className={state.ok === false ? "field-error" : "small"}>
        {state.message}
        {state.lines && (
          <>
            <strong>{state.intent === "preview" ? `Preview of ${previewTarget} — nothing has changed yet${previewed ? "" : " (the inputs have changed since: preview again)"}:` : ""}</strong>
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
