-- Every list pages, filters and sorts in SQL (lists at scale): the look-ups those queries make per row, and the
-- audit trail's filters over its whole history, each get an index.

-- CreateIndex
CREATE INDEX "Materialization_runId_idx" ON "Materialization"("runId");

-- CreateIndex
CREATE INDEX "CheckResult_runId_idx" ON "CheckResult"("runId");

-- CreateIndex
CREATE INDEX "Evidence_partitionKey_idx" ON "Evidence"("partitionKey");

-- CreateIndex
CREATE INDEX "AuditEvent_actor_id_idx" ON "AuditEvent"("actor", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_action_id_idx" ON "AuditEvent"("action", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_target_id_idx" ON "AuditEvent"("target", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_outcome_id_idx" ON "AuditEvent"("outcome", "id");

-- CreateIndex
CREATE INDEX "Plan_status_createdAt_idx" ON "Plan"("status", "createdAt");

-- CreateIndex
CREATE INDEX "Plan_recoveryAction_createdAt_idx" ON "Plan"("recoveryAction", "createdAt");
