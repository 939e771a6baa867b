"use client";

import { useActionState } from "react";
import { drillAction, type DrillFormState } from "@/app/drills/actions";
import type { DrillKind } from "@/lib/domain/drills";

export function DrillForm({ kind, assets, checks, defaultPartition }: { kind: DrillKind; assets: { key: string; label: string }[]; checks: string[]; defaultPartition: string }) {
  const [state, action, pending] = useActionState<DrillFormState, FormData>(drillAction, {});
  const needsPartition = kind !== "load_broken_manifest";
  const needsAsset = kind === "fail_check" || kind === "inject_transient_fault";
  return (
    <form action={action} className="form drill-form" aria-label={`Drill ${kind}`}>
      <input type="hidden" name="kind" value={kind} />
      <div className="inline-form wrap">
        {needsPartition && (
          <label>
            Partition <input name="partitionKey" type="date" defaultValue={defaultPartition} required />
          </label>
        )}
        {needsAsset && (
          <label>
            Asset
            <select name="assetKey" defaultValue={assets[1]?.key}>
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
            <select name="checkName" defaultValue="priority_valid">
              {checks.map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          </label>
        )}
        <button type="submit" name="intent" value="preview" className="secondary" disabled={pending}>
          Preview
        </button>
        <button type="submit" name="intent" value="apply" disabled={pending}>
          Apply
        </button>
      </div>
      <div role="status" aria-live="polite" className={state.ok === false ? "field-error" : "small"}>
        {state.message}
        {state.lines && (
          <>
            <strong>{state.intent === "preview" ? "Preview — nothing has changed yet:" : ""}</strong>
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
