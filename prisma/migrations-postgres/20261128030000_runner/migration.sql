-- AlterTable
ALTER TABLE "Run" ADD COLUMN "stepsDone" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Run" ADD COLUMN "rowsDone" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Run" ADD COLUMN "cancelRequested" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Run" ADD COLUMN "workerPid" INTEGER;

-- CreateTable
CREATE TABLE "PartitionLock" (
    "partitionKey" TEXT NOT NULL,
    "assetKey" TEXT NOT NULL,
    "runId" INTEGER NOT NULL,
    "lockedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("partitionKey", "assetKey")
);

-- CreateIndex
CREATE INDEX "PartitionLock_runId_idx" ON "PartitionLock"("runId");

-- CreateIndex
CREATE INDEX "Run_status_idx" ON "Run"("status");

-- CreateIndex
CREATE INDEX "Run_planId_idx" ON "Run"("planId");
