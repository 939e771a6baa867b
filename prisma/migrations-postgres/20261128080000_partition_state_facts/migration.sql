-- AlterTable
ALTER TABLE "PartitionState" ADD COLUMN "blockingFailed" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "PartitionState" ADD COLUMN "review" TEXT;

-- Backfill from the checks and reviews recorded so far
UPDATE "PartitionState" SET
  "blockingFailed" = EXISTS (SELECT 1 FROM "CheckResult" c WHERE c."materializationId" = "PartitionState"."materializationId" AND c."severity" = 'blocking' AND NOT c."passed"),
  "review" = (SELECT r."decision" FROM "Review" r
              WHERE r."evidenceId" = (SELECT e."id" FROM "Evidence" e WHERE e."runId" = (SELECT m."runId" FROM "Materialization" m WHERE m."id" = "PartitionState"."materializationId"))
              ORDER BY r."id" DESC LIMIT 1);

-- A new latest materialization starts with no failed check and no review
CREATE OR REPLACE FUNCTION "PartitionState_after_materialization"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "PartitionState" ("partitionKey", "assetKey", "materializationId", "blockingFailed", "review")
  VALUES (NEW."partitionKey", NEW."assetKey", NEW."id", false, NULL)
  ON CONFLICT ("partitionKey", "assetKey") DO UPDATE SET
    "materializationId" = excluded."materializationId", "blockingFailed" = false, "review" = NULL;
  RETURN NULL;
END $$;

-- A failed blocking check marks the materialization it belongs to
CREATE FUNCTION "PartitionState_after_check"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "PartitionState" SET "blockingFailed" = true WHERE "materializationId" = NEW."materializationId";
  RETURN NULL;
END $$;
CREATE TRIGGER "PartitionState_after_check"
AFTER INSERT ON "CheckResult"
FOR EACH ROW WHEN (NEW."severity" = 'blocking' AND NOT NEW."passed")
EXECUTE FUNCTION "PartitionState_after_check"();

-- A review applies to every latest materialization its run wrote
CREATE FUNCTION "PartitionState_after_review"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "PartitionState" SET "review" = NEW."decision"
  WHERE "materializationId" IN (
    SELECT m."id" FROM "Materialization" m WHERE m."runId" = (SELECT e."runId" FROM "Evidence" e WHERE e."id" = NEW."evidenceId")
  );
  RETURN NULL;
END $$;
CREATE TRIGGER "PartitionState_after_review"
AFTER INSERT ON "Review"
FOR EACH ROW EXECUTE FUNCTION "PartitionState_after_review"();
