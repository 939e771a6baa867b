-- CreateTable
CREATE TABLE "Asset" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "position" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "AssetEdge" (
    "upstreamKey" TEXT NOT NULL,
    "downstreamKey" TEXT NOT NULL,

    PRIMARY KEY ("upstreamKey", "downstreamKey"),
    CONSTRAINT "AssetEdge_upstreamKey_fkey" FOREIGN KEY ("upstreamKey") REFERENCES "Asset" ("key") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "AssetEdge_downstreamKey_fkey" FOREIGN KEY ("downstreamKey") REFERENCES "Asset" ("key") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Manifest" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "manifestId" TEXT,
    "fileName" TEXT NOT NULL,
    "contentSha256" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "errors" TEXT NOT NULL DEFAULT '[]',
    "source" TEXT,
    "createdAt" TEXT,
    "windowStart" TEXT,
    "windowEnd" TEXT,
    "recordCount" INTEGER NOT NULL DEFAULT 0,
    "loadedBy" TEXT NOT NULL,
    "loadedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ManifestFile" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "manifestPk" INTEGER NOT NULL,
    "path" TEXT NOT NULL,
    "sha256" TEXT,
    "recordCount" INTEGER,
    CONSTRAINT "ManifestFile_manifestPk_fkey" FOREIGN KEY ("manifestPk") REFERENCES "Manifest" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ManifestRecord" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "manifestPk" INTEGER NOT NULL,
    "lineNo" INTEGER NOT NULL,
    "partitionKey" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "eventTimeUtc" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    CONSTRAINT "ManifestRecord_manifestPk_fkey" FOREIGN KEY ("manifestPk") REFERENCES "Manifest" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RawTicketEvent" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "ticketId" TEXT NOT NULL,
    "partitionKey" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "eventType" TEXT NOT NULL,
    "eventTime" TEXT NOT NULL,
    "eventTimeUtc" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "productLine" TEXT NOT NULL,
    "priority" TEXT,
    "subject" TEXT NOT NULL,
    "firstResponseMinutes" INTEGER,
    "manifestId" TEXT NOT NULL,
    "runId" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "SilverTicketFact" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "ticketId" TEXT NOT NULL,
    "partitionKey" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "eventType" TEXT NOT NULL,
    "eventTimeUtc" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "productLine" TEXT NOT NULL,
    "priority" TEXT,
    "subject" TEXT NOT NULL,
    "firstResponseMinutes" INTEGER,
    "runId" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "Run" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "action" TEXT NOT NULL,
    "mode" TEXT NOT NULL DEFAULT 'execute',
    "partitionKey" TEXT NOT NULL,
    "targetAssets" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL DEFAULT 1,
    "retryOfRunId" INTEGER,
    "operator" TEXT NOT NULL,
    "planId" TEXT,
    "manifestId" TEXT,
    "snapshotId" INTEGER,
    "expectedCount" INTEGER,
    "rowsBefore" INTEGER,
    "rowsAfter" INTEGER,
    "error" TEXT,
    "errorKind" TEXT,
    "queuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3)
);

-- CreateTable
CREATE TABLE "Materialization" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "runId" INTEGER NOT NULL,
    "assetKey" TEXT NOT NULL,
    "partitionKey" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "manifestIds" TEXT NOT NULL DEFAULT '[]',
    "fingerprint" TEXT NOT NULL DEFAULT '',
    "rowsBefore" INTEGER,
    "rowsAfter" INTEGER,
    "error" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    CONSTRAINT "Materialization_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CheckResult" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "runId" INTEGER NOT NULL,
    "materializationId" INTEGER NOT NULL,
    "assetKey" TEXT NOT NULL,
    "partitionKey" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "passed" BOOLEAN NOT NULL,
    "observed" TEXT NOT NULL,
    "expected" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "checkedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CheckResult_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "CheckResult_materializationId_fkey" FOREIGN KEY ("materializationId") REFERENCES "Materialization" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Evidence" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "runId" INTEGER NOT NULL,
    "partitionKey" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "document" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Evidence_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Review" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "evidenceId" INTEGER NOT NULL,
    "reviewer" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "reason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Review_evidenceId_fkey" FOREIGN KEY ("evidenceId") REFERENCES "Evidence" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Snapshot" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "assetKey" TEXT NOT NULL,
    "partitionKey" TEXT NOT NULL,
    "takenBeforeRunId" INTEGER NOT NULL,
    "rowCount" INTEGER NOT NULL,
    "rows" TEXT NOT NULL,
    "takenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Drill" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "assetKey" TEXT,
    "partitionKey" TEXT,
    "status" TEXT NOT NULL,
    "detail" TEXT NOT NULL DEFAULT '{}',
    "operator" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "consumedAt" TIMESTAMP(3)
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "detail" TEXT NOT NULL DEFAULT '{}'
);

-- CreateIndex
CREATE UNIQUE INDEX "Manifest_contentSha256_key" ON "Manifest"("contentSha256");

-- CreateIndex
CREATE INDEX "Manifest_status_manifestId_idx" ON "Manifest"("status", "manifestId");

-- CreateIndex
CREATE INDEX "ManifestFile_manifestPk_idx" ON "ManifestFile"("manifestPk");

-- CreateIndex
CREATE INDEX "ManifestRecord_partitionKey_ticketId_idx" ON "ManifestRecord"("partitionKey", "ticketId");

-- CreateIndex
CREATE UNIQUE INDEX "ManifestRecord_manifestPk_lineNo_key" ON "ManifestRecord"("manifestPk", "lineNo");

-- CreateIndex
CREATE INDEX "RawTicketEvent_partitionKey_idx" ON "RawTicketEvent"("partitionKey");

-- CreateIndex
CREATE UNIQUE INDEX "RawTicketEvent_ticketId_partitionKey_key" ON "RawTicketEvent"("ticketId", "partitionKey");

-- CreateIndex
CREATE INDEX "SilverTicketFact_partitionKey_idx" ON "SilverTicketFact"("partitionKey");

-- CreateIndex
CREATE UNIQUE INDEX "SilverTicketFact_ticketId_partitionKey_key" ON "SilverTicketFact"("ticketId", "partitionKey");

-- CreateIndex
CREATE INDEX "Run_partitionKey_id_idx" ON "Run"("partitionKey", "id");

-- CreateIndex
CREATE INDEX "Materialization_assetKey_partitionKey_id_idx" ON "Materialization"("assetKey", "partitionKey", "id");

-- CreateIndex
CREATE INDEX "Materialization_partitionKey_idx" ON "Materialization"("partitionKey");

-- CreateIndex
CREATE INDEX "CheckResult_materializationId_idx" ON "CheckResult"("materializationId");

-- CreateIndex
CREATE INDEX "CheckResult_partitionKey_idx" ON "CheckResult"("partitionKey");

-- CreateIndex
CREATE UNIQUE INDEX "Evidence_runId_key" ON "Evidence"("runId");

-- CreateIndex
CREATE INDEX "Review_evidenceId_idx" ON "Review"("evidenceId");

-- CreateIndex
CREATE INDEX "Snapshot_assetKey_partitionKey_idx" ON "Snapshot"("assetKey", "partitionKey");

-- CreateIndex
CREATE INDEX "Drill_assetKey_partitionKey_status_idx" ON "Drill"("assetKey", "partitionKey", "status");

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");
