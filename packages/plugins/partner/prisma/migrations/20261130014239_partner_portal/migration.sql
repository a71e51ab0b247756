-- CreateEnum
CREATE TYPE "PartnerTier" AS ENUM ('REGISTERED', 'SILVER', 'GOLD', 'PLATINUM');

-- CreateEnum
CREATE TYPE "PartnerStatus" AS ENUM ('ACTIVE', 'SUSPENDED');

-- CreateEnum
CREATE TYPE "DealRegistrationStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED');

-- CreateEnum
CREATE TYPE "DealConflictKind" AS ENUM ('OTHER_PARTNER_REGISTRATION', 'DIRECT_SALES', 'OTHER_PARTNER_CUSTOMER');

-- CreateTable
CREATE TABLE "PartnerOrganization" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "tier" "PartnerTier" NOT NULL DEFAULT 'REGISTERED',
    "region" TEXT,
    "status" "PartnerStatus" NOT NULL DEFAULT 'ACTIVE',
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PartnerOrganization_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PartnerUser" (
    "id" UUID NOT NULL,
    "partnerId" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PartnerUser_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PartnerSession" (
    "id" UUID NOT NULL,
    "partnerUserId" UUID NOT NULL,
    "ip" TEXT,
    "userAgent" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "PartnerSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PartnerRefreshToken" (
    "id" UUID NOT NULL,
    "sessionId" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "rotatedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PartnerRefreshToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PartnerCustomerShare" (
    "id" UUID NOT NULL,
    "partnerId" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "access" "ShareAccess" NOT NULL DEFAULT 'READ',
    "grantedById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PartnerCustomerShare_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PartnerContactShare" (
    "id" UUID NOT NULL,
    "partnerId" UUID NOT NULL,
    "contactId" UUID NOT NULL,
    "access" "ShareAccess" NOT NULL DEFAULT 'READ',
    "grantedById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PartnerContactShare_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DealRegistration" (
    "id" UUID NOT NULL,
    "number" SERIAL NOT NULL,
    "partnerId" UUID NOT NULL,
    "registeredById" UUID,
    "companyName" TEXT NOT NULL,
    "companyNameKey" TEXT NOT NULL,
    "contactName" TEXT NOT NULL,
    "contactEmail" TEXT,
    "contactPhone" TEXT,
    "contactPhoneDigits" TEXT,
    "expectedAmount" DECIMAL(14,2) NOT NULL,
    "expectedCloseDate" DATE NOT NULL,
    "productInterest" TEXT NOT NULL,
    "notes" TEXT,
    "status" "DealRegistrationStatus" NOT NULL DEFAULT 'PENDING',
    "customerId" UUID,
    "decidedById" UUID,
    "decidedAt" TIMESTAMP(3),
    "decisionReason" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DealRegistration_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DealRegistrationConflict" (
    "id" UUID NOT NULL,
    "registrationId" UUID NOT NULL,
    "kind" "DealConflictKind" NOT NULL,
    "matchedOn" TEXT[],
    "customerId" UUID,
    "otherRegistrationId" UUID,
    "otherPartnerId" UUID,

    CONSTRAINT "DealRegistrationConflict_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PartnerAlert" (
    "id" UUID NOT NULL,
    "partnerUserId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT,
    "entityType" TEXT,
    "entityId" TEXT,
    "readAt" TIMESTAMP(3),
    "dedupeKey" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PartnerAlert_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PartnerOrganization_name_key" ON "PartnerOrganization"("name");

-- CreateIndex
CREATE UNIQUE INDEX "PartnerUser_email_key" ON "PartnerUser"("email");

-- CreateIndex
CREATE INDEX "PartnerUser_partnerId_idx" ON "PartnerUser"("partnerId");

-- CreateIndex
CREATE INDEX "PartnerSession_partnerUserId_idx" ON "PartnerSession"("partnerUserId");

-- CreateIndex
CREATE UNIQUE INDEX "PartnerRefreshToken_tokenHash_key" ON "PartnerRefreshToken"("tokenHash");

-- CreateIndex
CREATE INDEX "PartnerRefreshToken_sessionId_idx" ON "PartnerRefreshToken"("sessionId");

-- CreateIndex
CREATE INDEX "PartnerCustomerShare_partnerId_idx" ON "PartnerCustomerShare"("partnerId");

-- CreateIndex
CREATE UNIQUE INDEX "PartnerCustomerShare_customerId_partnerId_key" ON "PartnerCustomerShare"("customerId", "partnerId");

-- CreateIndex
CREATE INDEX "PartnerContactShare_partnerId_idx" ON "PartnerContactShare"("partnerId");

-- CreateIndex
CREATE UNIQUE INDEX "PartnerContactShare_contactId_partnerId_key" ON "PartnerContactShare"("contactId", "partnerId");

-- CreateIndex
CREATE UNIQUE INDEX "DealRegistration_number_key" ON "DealRegistration"("number");

-- CreateIndex
CREATE INDEX "DealRegistration_partnerId_status_idx" ON "DealRegistration"("partnerId", "status");

-- CreateIndex
CREATE INDEX "DealRegistration_status_createdAt_idx" ON "DealRegistration"("status", "createdAt");

-- CreateIndex
CREATE INDEX "DealRegistration_companyNameKey_idx" ON "DealRegistration"("companyNameKey");

-- CreateIndex
CREATE INDEX "DealRegistration_contactPhoneDigits_idx" ON "DealRegistration"("contactPhoneDigits");

-- CreateIndex
CREATE INDEX "DealRegistration_contactEmail_idx" ON "DealRegistration"("contactEmail");

-- CreateIndex
CREATE INDEX "DealRegistration_customerId_idx" ON "DealRegistration"("customerId");

-- CreateIndex
CREATE INDEX "DealRegistrationConflict_registrationId_idx" ON "DealRegistrationConflict"("registrationId");

-- CreateIndex
CREATE UNIQUE INDEX "PartnerAlert_dedupeKey_key" ON "PartnerAlert"("dedupeKey");

-- CreateIndex
CREATE INDEX "PartnerAlert_partnerUserId_readAt_idx" ON "PartnerAlert"("partnerUserId", "readAt");

-- AddForeignKey
ALTER TABLE "PartnerUser" ADD CONSTRAINT "PartnerUser_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "PartnerOrganization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PartnerSession" ADD CONSTRAINT "PartnerSession_partnerUserId_fkey" FOREIGN KEY ("partnerUserId") REFERENCES "PartnerUser"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PartnerRefreshToken" ADD CONSTRAINT "PartnerRefreshToken_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "PartnerSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PartnerCustomerShare" ADD CONSTRAINT "PartnerCustomerShare_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "PartnerOrganization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PartnerCustomerShare" ADD CONSTRAINT "PartnerCustomerShare_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PartnerContactShare" ADD CONSTRAINT "PartnerContactShare_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "PartnerOrganization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PartnerContactShare" ADD CONSTRAINT "PartnerContactShare_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DealRegistration" ADD CONSTRAINT "DealRegistration_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "PartnerOrganization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DealRegistration" ADD CONSTRAINT "DealRegistration_registeredById_fkey" FOREIGN KEY ("registeredById") REFERENCES "PartnerUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DealRegistration" ADD CONSTRAINT "DealRegistration_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DealRegistrationConflict" ADD CONSTRAINT "DealRegistrationConflict_registrationId_fkey" FOREIGN KEY ("registrationId") REFERENCES "DealRegistration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PartnerAlert" ADD CONSTRAINT "PartnerAlert_partnerUserId_fkey" FOREIGN KEY ("partnerUserId") REFERENCES "PartnerUser"("id") ON DELETE CASCADE ON UPDATE CASCADE;
