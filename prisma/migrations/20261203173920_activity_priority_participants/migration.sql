-- CreateEnum
CREATE TYPE "ActivityPriority" AS ENUM ('LOW', 'NORMAL', 'HIGH', 'URGENT');

-- AlterTable
ALTER TABLE "Activity" ADD COLUMN     "participantIds" UUID[] DEFAULT ARRAY[]::UUID[],
ADD COLUMN     "priority" "ActivityPriority" NOT NULL DEFAULT 'NORMAL';

-- CreateIndex
CREATE INDEX "Activity_priority_id_idx" ON "Activity"("priority" DESC, "id" DESC);
