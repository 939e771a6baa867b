-- CreateTable
CREATE TABLE "PartitionInput" (
    "partitionKey" TEXT NOT NULL PRIMARY KEY,
    "expectedCount" INTEGER NOT NULL
);

-- Backfill from the manifests already loaded
INSERT INTO "PartitionInput" ("partitionKey", "expectedCount")
SELECT r."partitionKey", COUNT(DISTINCT r."ticketId")
FROM "ManifestRecord" r JOIN "Manifest" m ON m."id" = r."manifestPk"
WHERE m."status" = 'valid'
GROUP BY r."partitionKey";
