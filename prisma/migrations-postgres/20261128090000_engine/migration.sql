-- The execution engine (docs/decisions/007-worker-and-leases.md): runs are claimed by workers under a lease
-- that the worker renews; an executed plan is a backfill with a lifecycle; asset steps are retried inside a run.

-- AlterTable: leases replace process ids
ALTER TABLE "Run" DROP COLUMN "workerPid";
ALTER TABLE "Run" ADD COLUMN "workerId" TEXT;
ALTER TABLE "Run" ADD COLUMN "leaseExpiresAt" TIMESTAMP(3);
ALTER TABLE "Run" ADD COLUMN "backfillId" INTEGER;
ALTER TABLE "Run" ADD COLUMN "priority" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "Run" ADD COLUMN "seq" INTEGER NOT NULL DEFAULT 0;

-- AlterTable: an asset step may take several attempts inside one run
ALTER TABLE "Materialization" ADD COLUMN "attempt" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "Backfill" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "planId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "runOrder" TEXT NOT NULL,
    "priority" INTEGER NOT NULL,
    "maxConcurrentRuns" INTEGER NOT NULL DEFAULT 1,
    "partitionCount" INTEGER NOT NULL,
    "firstKey" TEXT NOT NULL,
    "lastKey" TEXT NOT NULL,
    "reexecutesBackfillId" INTEGER,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3)
);

-- CreateTable
CREATE TABLE "Worker" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "host" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "heartbeatAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "stoppedAt" TIMESTAMP(3),
    "currentRunId" INTEGER
);

-- CreateIndex
CREATE INDEX "Run_status_priority_backfillId_seq_idx" ON "Run"("status", "priority", "backfillId", "seq");

-- CreateIndex
CREATE INDEX "Run_backfillId_status_idx" ON "Run"("backfillId", "status");

-- CreateIndex
CREATE INDEX "Backfill_createdAt_idx" ON "Backfill"("createdAt");

-- CreateIndex
CREATE INDEX "Backfill_status_idx" ON "Backfill"("status");

-- CreateIndex
CREATE INDEX "Backfill_planId_idx" ON "Backfill"("planId");

-- CreateIndex
CREATE INDEX "Worker_heartbeatAt_idx" ON "Worker"("heartbeatAt");
