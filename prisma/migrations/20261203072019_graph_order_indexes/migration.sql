-- DropIndex
DROP INDEX "Activity_customerId_createdAt_idx";

-- CreateIndex
CREATE INDEX "Activity_customerId_createdAt_id_idx" ON "Activity"("customerId", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Activity_contactId_createdAt_id_idx" ON "Activity"("contactId", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Customer_nameKey_id_idx" ON "Customer"("nameKey", "id");

-- CreateIndex
CREATE INDEX "Customer_tier_nameKey_id_idx" ON "Customer"("tier", "nameKey", "id");
