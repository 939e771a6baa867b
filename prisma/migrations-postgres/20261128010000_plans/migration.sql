-- AlterTable
ALTER TABLE "Snapshot" ADD COLUMN "checksPassed" BOOLEAN NOT NULL DEFAULT true;

-- CreateTable
CREATE TABLE "Plan" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "planHash" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "recoveryAction" TEXT NOT NULL,
    "partitionKey" TEXT NOT NULL,
    "toKey" TEXT NOT NULL,
    "reprocessMode" TEXT,
    "status" TEXT NOT NULL,
    "operator" TEXT NOT NULL,
    "reportPath" TEXT NOT NULL,
    "expectedCount" INTEGER NOT NULL,
    "currentCount" INTEGER NOT NULL,
    "document" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "executedAt" TIMESTAMP(3)
);

-- CreateIndex
CREATE INDEX "Plan_createdAt_idx" ON "Plan"("createdAt");

-- CreateIndex
CREATE INDEX "Plan_partitionKey_idx" ON "Plan"("partitionKey");
