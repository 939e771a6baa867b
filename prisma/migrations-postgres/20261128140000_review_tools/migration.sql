-- The lesson's last details and the reviewer's tools: an attested empty day travels with its run; each write
-- that replaced rows keeps its diff against the snapshot; a plan that rewrites released partitions waits for a
-- second person's approval; outgoing webhook deliveries (an outbox the workers drain).

-- AlterTable
ALTER TABLE "Run" ADD COLUMN "emptyInputAttestation" TEXT;

-- AlterTable
ALTER TABLE "Materialization" ADD COLUMN "diff" TEXT;

-- CreateTable
CREATE TABLE "PlanApproval" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "planId" TEXT NOT NULL,
    "planHash" TEXT NOT NULL,
    "approvedBy" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "PlanApproval_planHash_key" ON "PlanApproval"("planHash");

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "endpoint" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastStatus" INTEGER,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deliveredAt" TIMESTAMP(3)
);

-- CreateIndex
CREATE UNIQUE INDEX "WebhookDelivery_endpoint_dedupeKey_key" ON "WebhookDelivery"("endpoint", "dedupeKey");

-- CreateIndex
CREATE INDEX "WebhookDelivery_status_nextAttemptAt_idx" ON "WebhookDelivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "WebhookDelivery_createdAt_idx" ON "WebhookDelivery"("createdAt");
