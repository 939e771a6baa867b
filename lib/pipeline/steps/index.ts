// The asset steps, by asset key, in the pipeline's build order.
import { rawStep } from "@/lib/pipeline/steps/raw";
import { reportStep } from "@/lib/pipeline/steps/report";
import { silverStep } from "@/lib/pipeline/steps/silver";
import type { AssetStep } from "@/lib/pipeline/steps/types";

export const ASSET_STEPS: Record<string, AssetStep> = Object.fromEntries(
  [rawStep, silverStep, reportStep].map((s) => [s.asset, s]),
);

export function stepFor(asset: string): AssetStep {
  const step = ASSET_STEPS[asset];
  if (!step) throw new Error(`no step builds ${asset}`);
  return step;
}

export type { AssetStep, StepContext, StepResult } from "@/lib/pipeline/steps/types";
