-- CreateEnum
CREATE TYPE "CampaignChannel" AS ENUM ('EMAIL', 'SMS', 'EVENT', 'TRADE_SHOW', 'WEBINAR', 'ADVERTISING', 'SOCIAL', 'DIRECT_MAIL');

-- CreateEnum
CREATE TYPE "CampaignStatus" AS ENUM ('PLANNED', 'ACTIVE', 'PAUSED', 'COMPLETED', 'ABORTED');

-- CreateEnum
CREATE TYPE "CampaignMaterialKind" AS ENUM ('POSTER', 'BROCHURE', 'VIDEO', 'EMAIL_TEMPLATE', 'PRESENTATION', 'LANDING_PAGE', 'OTHER');

-- CreateTable
CREATE TABLE "Campaign" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "channel" "CampaignChannel" NOT NULL,
    "status" "CampaignStatus" NOT NULL DEFAULT 'PLANNED',
    "goal" TEXT,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "budget" DECIMAL(14,2) NOT NULL DEFAULT 0,
    "actualCost" DECIMAL(14,2) NOT NULL DEFAULT 0,
    "expectedRevenue" DECIMAL(14,2) NOT NULL DEFAULT 0,
    "ownerId" UUID NOT NULL,
    "parentId" UUID,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Campaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CampaignMemberStatus" (
    "id" UUID NOT NULL,
    "campaignId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "isInitial" BOOLEAN NOT NULL DEFAULT false,
    "countsAsSent" BOOLEAN NOT NULL DEFAULT false,
    "countsAsResponse" BOOLEAN NOT NULL DEFAULT false,
    "countsAsConversion" BOOLEAN NOT NULL DEFAULT false,
    "countsAsOptOut" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "CampaignMemberStatus_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CampaignMember" (
    "id" UUID NOT NULL,
    "campaignId" UUID NOT NULL,
    "contactId" UUID NOT NULL,
    "statusId" UUID NOT NULL,
    "segmentId" UUID,
    "addedById" UUID,
    "sentAt" TIMESTAMP(3),
    "respondedAt" TIMESTAMP(3),
    "convertedAt" TIMESTAMP(3),
    "optedOutAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "addedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CampaignMember_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CampaignResponse" (
    "id" UUID NOT NULL,
    "campaignId" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "statusId" UUID NOT NULL,
    "respondedAt" TIMESTAMP(3) NOT NULL,
    "revenue" DECIMAL(14,2),
    "note" TEXT,
    "recordedById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CampaignResponse_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Segment" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "filter" JSONB NOT NULL,
    "createdById" UUID,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Segment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CampaignSegment" (
    "campaignId" UUID NOT NULL,
    "segmentId" UUID NOT NULL,
    "addedAt" TIMESTAMP(3) NOT NULL,
    "lastRefreshedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CampaignSegment_pkey" PRIMARY KEY ("campaignId","segmentId")
);

-- CreateTable
CREATE TABLE "CampaignMaterial" (
    "id" UUID NOT NULL,
    "campaignId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "CampaignMaterialKind" NOT NULL,
    "url" TEXT,
    "fileName" TEXT,
    "contentType" TEXT,
    "sizeBytes" INTEGER,
    "storageKey" TEXT,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CampaignMaterial_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContactOptOut" (
    "id" UUID NOT NULL,
    "contactId" UUID NOT NULL,
    "campaignId" UUID,
    "reason" TEXT,
    "recordedById" UUID,
    "optedOutAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ContactOptOut_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Campaign_parentId_idx" ON "Campaign"("parentId");

-- CreateIndex
CREATE INDEX "Campaign_ownerId_idx" ON "Campaign"("ownerId");

-- CreateIndex
CREATE INDEX "Campaign_status_startsAt_idx" ON "Campaign"("status", "startsAt");

-- CreateIndex
CREATE INDEX "Campaign_status_endsAt_idx" ON "Campaign"("status", "endsAt");

-- CreateIndex
CREATE UNIQUE INDEX "CampaignMemberStatus_campaignId_name_key" ON "CampaignMemberStatus"("campaignId", "name");

-- CreateIndex
CREATE INDEX "CampaignMember_contactId_idx" ON "CampaignMember"("contactId");

-- CreateIndex
CREATE INDEX "CampaignMember_segmentId_idx" ON "CampaignMember"("segmentId");

-- CreateIndex
CREATE UNIQUE INDEX "CampaignMember_campaignId_contactId_key" ON "CampaignMember"("campaignId", "contactId");

-- CreateIndex
CREATE INDEX "CampaignResponse_campaignId_respondedAt_idx" ON "CampaignResponse"("campaignId", "respondedAt");

-- CreateIndex
CREATE INDEX "CampaignResponse_memberId_respondedAt_idx" ON "CampaignResponse"("memberId", "respondedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Segment_name_key" ON "Segment"("name");

-- CreateIndex
CREATE INDEX "CampaignSegment_segmentId_idx" ON "CampaignSegment"("segmentId");

-- CreateIndex
CREATE UNIQUE INDEX "CampaignMaterial_storageKey_key" ON "CampaignMaterial"("storageKey");

-- CreateIndex
CREATE INDEX "CampaignMaterial_campaignId_idx" ON "CampaignMaterial"("campaignId");

-- CreateIndex
CREATE UNIQUE INDEX "ContactOptOut_contactId_key" ON "ContactOptOut"("contactId");

-- AddForeignKey
ALTER TABLE "Campaign" ADD CONSTRAINT "Campaign_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Campaign" ADD CONSTRAINT "Campaign_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Campaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampaignMemberStatus" ADD CONSTRAINT "CampaignMemberStatus_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampaignMember" ADD CONSTRAINT "CampaignMember_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampaignMember" ADD CONSTRAINT "CampaignMember_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampaignMember" ADD CONSTRAINT "CampaignMember_statusId_fkey" FOREIGN KEY ("statusId") REFERENCES "CampaignMemberStatus"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampaignMember" ADD CONSTRAINT "CampaignMember_segmentId_fkey" FOREIGN KEY ("segmentId") REFERENCES "Segment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampaignMember" ADD CONSTRAINT "CampaignMember_addedById_fkey" FOREIGN KEY ("addedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampaignResponse" ADD CONSTRAINT "CampaignResponse_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampaignResponse" ADD CONSTRAINT "CampaignResponse_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "CampaignMember"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampaignResponse" ADD CONSTRAINT "CampaignResponse_statusId_fkey" FOREIGN KEY ("statusId") REFERENCES "CampaignMemberStatus"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampaignResponse" ADD CONSTRAINT "CampaignResponse_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Segment" ADD CONSTRAINT "Segment_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampaignSegment" ADD CONSTRAINT "CampaignSegment_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampaignSegment" ADD CONSTRAINT "CampaignSegment_segmentId_fkey" FOREIGN KEY ("segmentId") REFERENCES "Segment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampaignMaterial" ADD CONSTRAINT "CampaignMaterial_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampaignMaterial" ADD CONSTRAINT "CampaignMaterial_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContactOptOut" ADD CONSTRAINT "ContactOptOut_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContactOptOut" ADD CONSTRAINT "ContactOptOut_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContactOptOut" ADD CONSTRAINT "ContactOptOut_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
