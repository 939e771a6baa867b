-- The navigation counts the runs awaiting review on every page: the unreviewed cells are found by index.

-- CreateIndex
CREATE INDEX "PartitionState_review_status_idx" ON "PartitionState"("review", "status");
