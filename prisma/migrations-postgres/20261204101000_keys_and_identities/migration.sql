-- Keys and identities (issue 22, items 7, 9, 11): API tokens remember whether they were minted in demo mode (refused
-- outside it); an audit row can record many refused attempts (the summary of anonymous refusals carries their exact
-- number); stale sign-in throttle rows are purged by their window's start.

-- AlterTable
ALTER TABLE "ApiToken" ADD COLUMN "demo" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN "occurrences" INTEGER NOT NULL DEFAULT 1;

-- CreateIndex
CREATE INDEX "Throttle_windowStart_idx" ON "Throttle"("windowStart");
