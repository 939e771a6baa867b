-- Review decisions are signed: HMAC-SHA256 under EVIDENCE_SECRET of the evidence id, the evidence's sha256, the
-- reviewer, the decision and its time (lib/read-model/approvals.ts, decision 014). SQL holds no key, so rows recorded
-- before this migration stay unsigned: they no longer verify, and the partitions they released are held until a
-- reviewer decides again (the new, signed decision takes the unsigned row's place).
ALTER TABLE "Review" ADD COLUMN "signature" TEXT;

-- Each cell also carries the id of the review its status rests on, so the gate verifies the distinct approvals of a
-- range in one query instead of one per cell.
ALTER TABLE "PartitionState" ADD COLUMN "reviewId" INTEGER;

UPDATE "PartitionState" SET "reviewId" = (
  SELECT r."id" FROM "Review" r
  JOIN "Evidence" e ON e."id" = r."evidenceId"
  JOIN "Materialization" m ON m."runId" = e."runId"
  WHERE m."id" = "PartitionState"."materializationId"
  ORDER BY r."id" DESC LIMIT 1);

-- A new latest materialization starts with no failed check and no review
CREATE OR REPLACE FUNCTION "PartitionState_after_materialization"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "PartitionState" ("partitionKey", "assetKey", "materializationId", "blockingFailed", "review", "reviewId", "status", "fingerprint", "rowsAfter")
  VALUES (NEW."partitionKey", NEW."assetKey", NEW."id", false, NULL, NULL, NEW."status", NEW."fingerprint", NEW."rowsAfter")
  ON CONFLICT ("partitionKey", "assetKey") DO UPDATE SET
    "materializationId" = excluded."materializationId", "blockingFailed" = false, "review" = NULL, "reviewId" = NULL,
    "status" = excluded."status", "fingerprint" = excluded."fingerprint", "rowsAfter" = excluded."rowsAfter";
  RETURN NULL;
END $$;

-- A review applies to every latest materialization its run wrote, with its id
CREATE OR REPLACE FUNCTION "PartitionState_after_review"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "PartitionState" SET "review" = NEW."decision", "reviewId" = NEW."id"
  WHERE "materializationId" IN (
    SELECT m."id" FROM "Materialization" m WHERE m."runId" = (SELECT e."runId" FROM "Evidence" e WHERE e."id" = NEW."evidenceId")
  );
  RETURN NULL;
END $$;
