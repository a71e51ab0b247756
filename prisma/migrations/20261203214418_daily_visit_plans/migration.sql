-- CreateEnum
CREATE TYPE "VisitPurpose" AS ENUM ('NEW_CUSTOMER', 'MARKET_RESEARCH', 'COLLECTION', 'SERVICE', 'COMPLAINT', 'ORDER', 'OTHER');

-- CreateTable
CREATE TABLE "DailyVisitPlan" (
    "id" UUID NOT NULL,
    "repId" UUID NOT NULL,
    "day" DATE NOT NULL,
    "timeZone" TEXT NOT NULL,
    "note" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DailyVisitPlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DailyVisitPlanLine" (
    "id" UUID NOT NULL,
    "planId" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "customerId" UUID NOT NULL,
    "contactId" UUID,
    "purpose" "VisitPurpose" NOT NULL,
    "plannedAt" TIMESTAMP(3) NOT NULL,
    "note" TEXT,

    CONSTRAINT "DailyVisitPlanLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DailySalesReport" (
    "id" UUID NOT NULL,
    "repId" UUID NOT NULL,
    "day" DATE NOT NULL,
    "timeZone" TEXT NOT NULL,
    "summary" TEXT,
    "customerFeedback" TEXT,
    "competitorInfo" TEXT,
    "expenses" DECIMAL(14,2),
    "submittedFacts" JSONB,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DailySalesReport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DailyVisitPlan_day_idx" ON "DailyVisitPlan"("day");

-- CreateIndex
CREATE UNIQUE INDEX "DailyVisitPlan_repId_day_key" ON "DailyVisitPlan"("repId", "day");

-- CreateIndex
CREATE INDEX "DailyVisitPlanLine_customerId_idx" ON "DailyVisitPlanLine"("customerId");

-- CreateIndex
CREATE UNIQUE INDEX "DailyVisitPlanLine_planId_position_key" ON "DailyVisitPlanLine"("planId", "position");

-- CreateIndex
CREATE INDEX "DailySalesReport_day_idx" ON "DailySalesReport"("day");

-- CreateIndex
CREATE UNIQUE INDEX "DailySalesReport_repId_day_key" ON "DailySalesReport"("repId", "day");

-- AddForeignKey
ALTER TABLE "DailyVisitPlan" ADD CONSTRAINT "DailyVisitPlan_repId_fkey" FOREIGN KEY ("repId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DailyVisitPlanLine" ADD CONSTRAINT "DailyVisitPlanLine_planId_fkey" FOREIGN KEY ("planId") REFERENCES "DailyVisitPlan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DailyVisitPlanLine" ADD CONSTRAINT "DailyVisitPlanLine_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DailyVisitPlanLine" ADD CONSTRAINT "DailyVisitPlanLine_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DailySalesReport" ADD CONSTRAINT "DailySalesReport_repId_fkey" FOREIGN KEY ("repId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
