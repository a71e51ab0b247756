-- CreateEnum
CREATE TYPE "OfferKind" AS ENUM ('QUOTE', 'SAMPLE');

-- CreateEnum
CREATE TYPE "ClassificationCause" AS ENUM ('RULE', 'OVERRIDE', 'OVERRIDE_CLEARED', 'DEAL', 'MANUAL');

-- CreateEnum
CREATE TYPE "TransferKind" AS ENUM ('CLAIM', 'TRANSFER', 'RELEASE', 'AUTO_RELEASE');

-- CreateTable
CREATE TABLE "Deal" (
    "id" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "amount" DECIMAL(14,2) NOT NULL,
    "closedAt" TIMESTAMP(3) NOT NULL,
    "ownerId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Deal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Offer" (
    "id" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "kind" "OfferKind" NOT NULL,
    "note" TEXT,
    "sentAt" TIMESTAMP(3) NOT NULL,
    "ownerId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Offer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CustomerOverride" (
    "customerId" UUID NOT NULL,
    "tier" "CustomerTier",
    "tierReason" TEXT,
    "tierSetById" UUID,
    "tierSetAt" TIMESTAMP(3),
    "stage" "CustomerStage",
    "stageReason" TEXT,
    "stageSetById" UUID,
    "stageSetAt" TIMESTAMP(3),

    CONSTRAINT "CustomerOverride_pkey" PRIMARY KEY ("customerId")
);

-- CreateTable
CREATE TABLE "TierChange" (
    "id" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "fromTier" "CustomerTier",
    "toTier" "CustomerTier" NOT NULL,
    "cause" "ClassificationCause" NOT NULL,
    "reason" TEXT NOT NULL,
    "actorId" UUID,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TierChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StageChange" (
    "id" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "fromStage" "CustomerStage",
    "toStage" "CustomerStage" NOT NULL,
    "cause" "ClassificationCause" NOT NULL,
    "reason" TEXT NOT NULL,
    "dealId" UUID,
    "actorId" UUID,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StageChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CustomerTransfer" (
    "id" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "kind" "TransferKind" NOT NULL,
    "fromUserId" UUID,
    "toUserId" UUID,
    "reason" TEXT,
    "actorId" UUID,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CustomerTransfer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChurnRisk" (
    "customerId" UUID NOT NULL,
    "reason" TEXT NOT NULL,
    "recentContacts" INTEGER NOT NULL,
    "baselineContacts" DOUBLE PRECISION NOT NULL,
    "recentDeals" INTEGER NOT NULL,
    "baselineDeals" DOUBLE PRECISION NOT NULL,
    "flaggedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChurnRisk_pkey" PRIMARY KEY ("customerId")
);

-- CreateIndex
CREATE INDEX "Deal_customerId_closedAt_idx" ON "Deal"("customerId", "closedAt");

-- CreateIndex
CREATE INDEX "Offer_customerId_sentAt_idx" ON "Offer"("customerId", "sentAt");

-- CreateIndex
CREATE INDEX "TierChange_customerId_at_idx" ON "TierChange"("customerId", "at");

-- CreateIndex
CREATE INDEX "StageChange_customerId_at_idx" ON "StageChange"("customerId", "at");

-- CreateIndex
CREATE INDEX "CustomerTransfer_customerId_at_idx" ON "CustomerTransfer"("customerId", "at");

-- AddForeignKey
ALTER TABLE "Deal" ADD CONSTRAINT "Deal_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deal" ADD CONSTRAINT "Deal_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Offer" ADD CONSTRAINT "Offer_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Offer" ADD CONSTRAINT "Offer_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustomerOverride" ADD CONSTRAINT "CustomerOverride_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustomerOverride" ADD CONSTRAINT "CustomerOverride_tierSetById_fkey" FOREIGN KEY ("tierSetById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustomerOverride" ADD CONSTRAINT "CustomerOverride_stageSetById_fkey" FOREIGN KEY ("stageSetById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TierChange" ADD CONSTRAINT "TierChange_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TierChange" ADD CONSTRAINT "TierChange_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StageChange" ADD CONSTRAINT "StageChange_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StageChange" ADD CONSTRAINT "StageChange_dealId_fkey" FOREIGN KEY ("dealId") REFERENCES "Deal"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StageChange" ADD CONSTRAINT "StageChange_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustomerTransfer" ADD CONSTRAINT "CustomerTransfer_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustomerTransfer" ADD CONSTRAINT "CustomerTransfer_fromUserId_fkey" FOREIGN KEY ("fromUserId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustomerTransfer" ADD CONSTRAINT "CustomerTransfer_toUserId_fkey" FOREIGN KEY ("toUserId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustomerTransfer" ADD CONSTRAINT "CustomerTransfer_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChurnRisk" ADD CONSTRAINT "ChurnRisk_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;
