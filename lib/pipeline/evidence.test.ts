// Evidence integrity (evidenceIntact, checked before every review): the file must be exactly the stored document
// and the stored MAC must be the HMAC of that document under EVIDENCE_SECRET — which the database does not hold, so
// a database writer who rewrites document and sha256 together, or edits the MAC, is caught.
import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { evidenceIntact, evidenceSha256 } from "@/lib/pipeline/evidence";
import { useSeededStore } from "@/lib/test-support";

beforeAll(() => useSeededStore());

const macMismatch = { ok: false, problem: { key: "review.macMismatch" } };

describe("evidence integrity", () => {
  it("holds for evidence as written", async () => {
    const evidence = await db.evidence.findFirstOrThrow({ orderBy: { id: "desc" } });
    const intact = evidenceIntact(evidence);
    expect(intact.ok).toBe(true);
    // What it verified is the stored document itself, parsed: the gate decides from it, not from the row.
    expect(intact).toMatchObject({ document: JSON.parse(evidence.document) as object });
  });

  it("fails when the stored MAC is not the document's, by one character or by another key", async () => {
    const evidence = await db.evidence.findFirstOrThrow({ orderBy: { id: "desc" } });
    const flipped = `${evidence.hmac.slice(0, -1)}${evidence.hmac.endsWith("0") ? "1" : "0"}`;
    expect(evidenceIntact({ ...evidence, hmac: flipped })).toMatchObject(macMismatch);
    const otherKey = crypto.createHmac("sha256", "another key").update(evidence.document).digest("hex");
    expect(evidenceIntact({ ...evidence, hmac: otherKey })).toMatchObject(macMismatch);
    expect(evidenceIntact({ ...evidence, hmac: "" })).toMatchObject(macMismatch);
  });

  it("fails when a database writer rewrote the document with a matching sha256 but could not sign it", async () => {
    const evidence = await db.evidence.findFirstOrThrow({ orderBy: { id: "desc" } });
    const { sha256: _sha, ...body } = JSON.parse(evidence.document) as Record<string, unknown>;
    const forged = { ...body, operator: "nobody@example.com" };
    const sha256 = evidenceSha256(forged as Parameters<typeof evidenceSha256>[0]);
    const document = JSON.stringify({ ...forged, sha256 });
    expect(evidenceIntact({ ...evidence, document, sha256 })).toMatchObject(macMismatch);
  });
});
