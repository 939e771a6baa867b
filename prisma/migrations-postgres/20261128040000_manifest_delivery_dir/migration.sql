-- AlterTable
ALTER TABLE "Manifest" ADD COLUMN "deliveryDir" TEXT NOT NULL DEFAULT '';
