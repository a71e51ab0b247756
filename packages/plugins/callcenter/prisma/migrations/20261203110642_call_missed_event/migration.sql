-- AlterTable
ALTER TABLE "Call" ADD COLUMN     "missedEventAt" TIMESTAMP(3);
