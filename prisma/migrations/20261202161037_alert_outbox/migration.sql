-- AlterTable
ALTER TABLE "Alert" ADD COLUMN     "publishAfter" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Alert_publishAfter_idx" ON "Alert"("publishAfter");
