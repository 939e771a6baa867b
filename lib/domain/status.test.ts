import { describe, expect, it } from "vitest";
import {
  deriveStatus,
  gapReason,
  manifestFingerprint,
  worstStatus,
  type LatestMaterialization,
} from "@/lib/domain/status";

const fp = manifestFingerprint([{ manifestId: "m-001", contentSha256: "a".repeat(64) }]);
const built: LatestMaterialization = { status: "succeeded", fingerprint: fp, blockingCheckFailed: false, review: null };

describe("status derivation", () => {
  it("is missing when nothing was ever built", () => {
    expect(deriveStatus({ latest: null, currentFingerprint: fp })).toBe("missing");
  });
  it("is pending_review after a clean build, released after approval", () => {
    expect(deriveStatus({ latest: built, currentFingerprint: fp })).toBe("pending_review");
    expect(deriveStatus({ latest: { ...built, review: "approved" }, currentFingerprint: fp })).toBe("released");
  });
  it("is running while a run writes it, failed when the last run failed or was interrupted", () => {
    expect(deriveStatus({ latest: { ...built, status: "running" }, currentFingerprint: fp })).toBe("running");
    expect(deriveStatus({ latest: { ...built, status: "failed" }, currentFingerprint: fp })).toBe("failed");
    expect(deriveStatus({ latest: { ...built, status: "interrupted" }, currentFingerprint: fp })).toBe("failed");
  });
  it("is quarantined when a blocking check failed or the evidence was rejected, even if approved before", () => {
    expect(
      deriveStatus({ latest: { ...built, blockingCheckFailed: true, review: "approved" }, currentFingerprint: fp }),
    ).toBe("quarantined");
    expect(deriveStatus({ latest: { ...built, review: "rejected" }, currentFingerprint: fp })).toBe("quarantined");
  });
  it("is stale when the manifests covering it changed since it was built, approved or not", () => {
    const now = manifestFingerprint([
      { manifestId: "m-001", contentSha256: "a".repeat(64) },
      { manifestId: "m-002", contentSha256: "b".repeat(64) },
    ]);
    expect(deriveStatus({ latest: { ...built, review: "approved" }, currentFingerprint: now })).toBe("stale");
  });
  it("maps each gap to its reason and nothing else to one", () => {
    expect(gapReason("missing")).toBe("missing_partition_report");
    expect(gapReason("failed")).toBe("failed_run");
    expect(gapReason("stale")).toBe("stale_upstream");
    expect(gapReason("quarantined")).toBe("check_failed");
    expect(gapReason("released")).toBeNull();
  });
  it("summarises several assets by the worst status", () => {
    expect(worstStatus(["released", "failed", "pending_review"])).toBe("failed");
    expect(worstStatus(["released", "released"])).toBe("released");
  });
});

describe("manifest fingerprint", () => {
  it("does not depend on order but changes with content", () => {
    const a = { manifestId: "m-001", contentSha256: "a".repeat(64) };
    const b = { manifestId: "m-002", contentSha256: "b".repeat(64) };
    expect(manifestFingerprint([a, b])).toBe(manifestFingerprint([b, a]));
    expect(manifestFingerprint([a])).not.toBe(manifestFingerprint([{ ...a, contentSha256: "c".repeat(64) }]));
  });
});
