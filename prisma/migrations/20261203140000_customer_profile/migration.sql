-- Customer nature and size as first-class fields, and regions coded by China's
-- administrative divisions (customers/regions.ts fills regionCode; the region backfill job codes
-- the customers written before).
CREATE TYPE "CustomerNature" AS ENUM ('AGENT', 'DISTRIBUTOR', 'INTERMEDIARY', 'END_CUSTOMER');
CREATE TYPE "CustomerSize" AS ENUM ('LARGE', 'MEDIUM', 'SMALL', 'MICRO');
ALTER TABLE "Customer" ADD COLUMN "nature" "CustomerNature",
  ADD COLUMN "size" "CustomerSize",
  ADD COLUMN "district" TEXT,
  ADD COLUMN "regionCode" TEXT,
  ADD COLUMN "regionPending" BOOLEAN NOT NULL DEFAULT false;
UPDATE "Customer" SET "regionPending" = true WHERE "province" IS NOT NULL OR "city" IS NOT NULL;
CREATE INDEX "Customer_regionCode_idx" ON "Customer"("regionCode");
