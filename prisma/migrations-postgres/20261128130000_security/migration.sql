-- Safe beyond a laptop (docs/decisions/008-the-request-boundary.md): revocable sessions, disabled accounts, CLI
-- identities, sign-in throttling, the origin of every run, keyed evidence integrity, one review per evidence.

-- AlterTable
ALTER TABLE "User" ADD COLUMN "sessionVersion" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "User" ADD COLUMN "disabled" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "User" ADD COLUMN "osUser" TEXT;

-- AlterTable
ALTER TABLE "Run" ADD COLUMN "origin" TEXT NOT NULL DEFAULT 'system';

-- AlterTable
ALTER TABLE "Evidence" ADD COLUMN "hmac" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "userId" INTEGER NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),
    CONSTRAINT "ApiToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Throttle" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "blockedUntil" TIMESTAMP(3)
);

-- CreateIndex
CREATE UNIQUE INDEX "User_osUser_key" ON "User"("osUser");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "ApiToken_userId_idx" ON "ApiToken"("userId");

-- DropIndex
DROP INDEX "Review_evidenceId_idx";

-- CreateIndex
CREATE UNIQUE INDEX "Review_evidenceId_key" ON "Review"("evidenceId");
