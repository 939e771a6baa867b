-- The latest materialization's own facts (status, fingerprint, rows) are copied into PartitionState, so the
-- statuses of a whole range are one scan of one table — no join to Materialization per cell.

-- AlterTable
ALTER TABLE "PartitionState" ADD COLUMN "status" TEXT NOT NULL DEFAULT 'running';
ALTER TABLE "PartitionState" ADD COLUMN "fingerprint" TEXT NOT NULL DEFAULT '';
ALTER TABLE "PartitionState" ADD COLUMN "rowsAfter" INTEGER;

-- Backfill from the materializations they point at
UPDATE "PartitionState" SET
  "status" = (SELECT m."status" FROM "Materialization" m WHERE m."id" = "PartitionState"."materializationId"),
  "fingerprint" = (SELECT m."fingerprint" FROM "Materialization" m WHERE m."id" = "PartitionState"."materializationId"),
  "rowsAfter" = (SELECT m."rowsAfter" FROM "Materialization" m WHERE m."id" = "PartitionState"."materializationId");

-- A new latest materialization brings its facts
CREATE OR REPLACE FUNCTION "PartitionState_after_materialization"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "PartitionState" ("partitionKey", "assetKey", "materializationId", "blockingFailed", "review", "status", "fingerprint", "rowsAfter")
  VALUES (NEW."partitionKey", NEW."assetKey", NEW."id", false, NULL, NEW."status", NEW."fingerprint", NEW."rowsAfter")
  ON CONFLICT ("partitionKey", "assetKey") DO UPDATE SET
    "materializationId" = excluded."materializationId", "blockingFailed" = false, "review" = NULL,
    "status" = excluded."status", "fingerprint" = excluded."fingerprint", "rowsAfter" = excluded."rowsAfter";
  RETURN NULL;
END $$;

-- …and keeps them as the step finishes (running → succeeded / failed / interrupted)
CREATE FUNCTION "PartitionState_after_materialization_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "PartitionState" SET "status" = NEW."status", "fingerprint" = NEW."fingerprint", "rowsAfter" = NEW."rowsAfter"
  WHERE "materializationId" = NEW."id";
  RETURN NULL;
END $$;
CREATE TRIGGER "PartitionState_after_materialization_update"
AFTER UPDATE OF "status", "fingerprint", "rowsAfter" ON "Materialization"
FOR EACH ROW EXECUTE FUNCTION "PartitionState_after_materialization_update"();
