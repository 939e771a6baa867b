-- CreateTable
CREATE TABLE "PartitionState" (
    "partitionKey" TEXT NOT NULL,
    "assetKey" TEXT NOT NULL,
    "materializationId" INTEGER NOT NULL,

    PRIMARY KEY ("partitionKey", "assetKey")
);

-- Backfill: the latest materialization of every (partition, asset) so far
INSERT INTO "PartitionState" ("partitionKey", "assetKey", "materializationId")
SELECT "partitionKey", "assetKey", MAX("id") FROM "Materialization" GROUP BY "partitionKey", "assetKey";

-- Keep it current: ids only grow, so the newest insert is the latest materialization
CREATE FUNCTION "PartitionState_after_materialization"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "PartitionState" ("partitionKey", "assetKey", "materializationId")
  VALUES (NEW."partitionKey", NEW."assetKey", NEW."id")
  ON CONFLICT ("partitionKey", "assetKey") DO UPDATE SET "materializationId" = excluded."materializationId";
  RETURN NULL;
END $$;
CREATE TRIGGER "PartitionState_after_materialization"
AFTER INSERT ON "Materialization"
FOR EACH ROW EXECUTE FUNCTION "PartitionState_after_materialization"();
