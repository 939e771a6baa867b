-- What the store records in words, also as catalog messages (a key and its values, JSON; lib/i18n/text.ts), so
-- each reader gets it in their language. The English prose columns stay as they were (the evidence and plan
-- documents, the API and scripts read them); rows written before this keep NULL and render in their prose.
ALTER TABLE "CheckResult" ADD COLUMN "texts" TEXT;
ALTER TABLE "Run" ADD COLUMN "errorText" TEXT;
ALTER TABLE "Materialization" ADD COLUMN "errorText" TEXT;
ALTER TABLE "Plan" ADD COLUMN "texts" TEXT;
ALTER TABLE "WebhookDelivery" ADD COLUMN "lastErrorText" TEXT;
