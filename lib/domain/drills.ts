// Safe drills, described before they run. Pure: what each drill will change, in the operator's words.
import { assetText } from "@/lib/domain/assets";
import { text, type Text } from "@/lib/i18n/text";

export const DRILL_KINDS = [
  "move_report_aside",
  "load_broken_manifest",
  "fail_check",
  "inject_transient_fault",
  "corrupt_priorities",
] as const;
export type DrillKind = (typeof DRILL_KINDS)[number];
/**
 * armed: an injected fault waiting for its run; applied: in effect; consumed: the fault was met (its failures spent);
 * resolved: a rebuild mended what it broke; reverted: undone by an operator.
 */
export const DRILL_STATUSES = ["armed", "applied", "consumed", "resolved", "reverted"] as const;
export type DrillStatus = (typeof DRILL_STATUSES)[number];

export interface DrillTarget {
  partitionKey?: string;
  assetKey?: string;
  checkName?: string;
}

/** The dry run of a drill: what applying it will change, and what it will never touch. */
export function describeDrill(kind: DrillKind, t: DrillTarget, reportPath?: string): Text[] {
  const untouched = text("drills.untouched");
  const key = t.partitionKey ?? "";
  const asset = assetText(t.assetKey ?? "");
  switch (kind) {
    case "move_report_aside":
      return [
        text("drills.describe.moveAside1", { path: reportPath ?? "" }),
        text("drills.describe.moveAside2", { key }),
        untouched,
        text("drills.describe.moveAside4"),
      ];
    case "load_broken_manifest":
      return [
        text("drills.describe.broken1"),
        text("drills.describe.broken2"),
        untouched,
        text("drills.describe.broken4"),
      ];
    case "fail_check":
      return [
        text("drills.describe.failCheck1", { check: t.checkName ?? "", asset, key }),
        text("drills.describe.failCheck2", { asset, key }),
        untouched,
        text("drills.describe.failCheck4"),
      ];
    case "inject_transient_fault":
      return [
        text("drills.describe.fault1", { asset, key }),
        text("drills.describe.fault2"),
        untouched,
        text("drills.describe.fault4"),
      ];
    case "corrupt_priorities":
      return [
        text("drills.describe.corrupt1", { key }),
        text("drills.describe.corrupt2", { key }),
        text("drills.describe.corrupt3"),
        text("drills.describe.corrupt4"),
      ];
  }
}
