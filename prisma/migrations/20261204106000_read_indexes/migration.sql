-- Reads that every history-sized store made slow (issue 22, the benchmark's pages).

-- The evidence queue counts each run's passed, failed and warning checks, and sorts by the failed ones; the run
-- tables count failed checks per run. With the outcome and severity in the run's index those counts read the index
-- alone, not every check row behind it. It serves the look-ups by run as the index it replaces did.
DROP INDEX "CheckResult_runId_idx";
CREATE INDEX "CheckResult_runId_passed_severity_idx" ON "CheckResult"("runId", "passed", "severity");

-- The run page lists the retries of its run; the calendar's health line reads the last run that finished.
CREATE INDEX "Run_retryOfRunId_idx" ON "Run"("retryOfRunId");
CREATE INDEX "Run_finishedAt_idx" ON "Run"("finishedAt");
