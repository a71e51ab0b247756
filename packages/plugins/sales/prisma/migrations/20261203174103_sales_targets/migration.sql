-- CreateEnum
CREATE TYPE "SalesTargetMetric" AS ENUM ('REVENUE', 'GROSS_MARGIN', 'NEW_CUSTOMERS', 'COLLECTIONS');

-- CreateEnum
CREATE TYPE "SalesTargetPeriod" AS ENUM ('MONTH', 'QUARTER', 'YEAR');

-- CreateTable
CREATE TABLE "SalesTarget" (
    "id" UUID NOT NULL,
    "metric" "SalesTargetMetric" NOT NULL,
    "period" "SalesTargetPeriod" NOT NULL,
    "periodStart" DATE NOT NULL,
    "periodEnd" DATE NOT NULL,
    "userId" UUID,
    "teamId" UUID,
    "subjectId" UUID NOT NULL,
    "amount" DECIMAL(14,2) NOT NULL,
    "currency" TEXT,
    "splitFromId" UUID,
    "setById" UUID,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SalesTarget_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SalesTarget_periodStart_periodEnd_idx" ON "SalesTarget"("periodStart", "periodEnd");

-- CreateIndex
CREATE INDEX "SalesTarget_teamId_idx" ON "SalesTarget"("teamId");

-- CreateIndex
CREATE INDEX "SalesTarget_splitFromId_idx" ON "SalesTarget"("splitFromId");

-- CreateIndex
CREATE UNIQUE INDEX "SalesTarget_subjectId_metric_period_periodStart_key" ON "SalesTarget"("subjectId", "metric", "period", "periodStart");

-- AddForeignKey
ALTER TABLE "SalesTarget" ADD CONSTRAINT "SalesTarget_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SalesTarget" ADD CONSTRAINT "SalesTarget_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SalesTarget" ADD CONSTRAINT "SalesTarget_splitFromId_fkey" FOREIGN KEY ("splitFromId") REFERENCES "SalesTarget"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SalesTarget" ADD CONSTRAINT "SalesTarget_setById_fkey" FOREIGN KEY ("setById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
