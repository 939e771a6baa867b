-- The language a user chose with the header switcher; null until they choose (then Accept-Language, then
-- PARTITION_DESK_LOCALE decide).
ALTER TABLE "User" ADD COLUMN "locale" TEXT;
