-- DropForeignKey
ALTER TABLE "Alert" DROP CONSTRAINT "Alert_recipientId_fkey";

-- DropIndex
DROP INDEX "Alert_recipientId_readAt_idx";

-- AlterTable
ALTER TABLE "Alert" ADD COLUMN     "recipientKind" TEXT NOT NULL DEFAULT 'USER';

-- CreateIndex
CREATE INDEX "Alert_recipientKind_recipientId_readAt_idx" ON "Alert"("recipientKind", "recipientId", "readAt");
