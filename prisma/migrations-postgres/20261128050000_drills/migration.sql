-- AlterTable
ALTER TABLE "Run" ADD COLUMN "drillId" INTEGER;

-- AlterTable
ALTER TABLE "Drill" ADD COLUMN "checkName" TEXT;
ALTER TABLE "Drill" ADD COLUMN "revertedAt" TIMESTAMP(3);
ALTER TABLE "Drill" ADD COLUMN "revertedBy" TEXT;
