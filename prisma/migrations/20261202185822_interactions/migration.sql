/*
  Warnings:

  - A unique constraint covering the columns `[sourceType,sourceId]` on the table `Activity` will be added. If there are existing duplicate values, this will fail.

*/
-- AlterTable
ALTER TABLE "Activity" ADD COLUMN     "sourceId" TEXT,
ADD COLUMN     "sourceType" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Activity_sourceType_sourceId_key" ON "Activity"("sourceType", "sourceId");
