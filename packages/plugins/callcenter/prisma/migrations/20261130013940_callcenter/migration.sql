-- CreateEnum
CREATE TYPE "CallDirection" AS ENUM ('INBOUND', 'OUTBOUND');

-- CreateEnum
CREATE TYPE "CallDisposition" AS ENUM ('ANSWERED', 'MISSED', 'VOICEMAIL', 'BUSY', 'FAILED', 'NO_ANSWER');

-- CreateEnum
CREATE TYPE "CallSource" AS ENUM ('TELEPHONY', 'MANUAL');

-- CreateEnum
CREATE TYPE "CallEventKind" AS ENUM ('STARTED', 'ANSWERED', 'ENDED', 'TRANSFERRED');

-- CreateTable
CREATE TABLE "Call" (
    "id" UUID NOT NULL,
    "source" "CallSource" NOT NULL,
    "externalId" TEXT,
    "direction" "CallDirection" NOT NULL,
    "fromRaw" TEXT NOT NULL,
    "fromNumber" TEXT,
    "toRaw" TEXT NOT NULL,
    "toNumber" TEXT,
    "customerId" UUID,
    "contactId" UUID,
    "agentId" UUID,
    "queueId" UUID,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "answeredAt" TIMESTAMP(3),
    "endedAt" TIMESTAMP(3),
    "ringSeconds" INTEGER,
    "talkSeconds" INTEGER,
    "disposition" "CallDisposition",
    "outcome" TEXT,
    "recordingUrl" TEXT,
    "notes" TEXT,
    "ticketId" UUID,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Call_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CallLeg" (
    "id" UUID NOT NULL,
    "callId" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "agentId" UUID,
    "queueId" UUID,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "endedAt" TIMESTAMP(3),

    CONSTRAINT "CallLeg_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CallEvent" (
    "id" UUID NOT NULL,
    "eventId" TEXT NOT NULL,
    "callId" UUID NOT NULL,
    "kind" "CallEventKind" NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "payload" JSONB NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CallEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CallCallback" (
    "id" UUID NOT NULL,
    "callId" UUID NOT NULL,
    "activityId" UUID NOT NULL,
    "automatic" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CallCallback_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Call_externalId_key" ON "Call"("externalId");

-- CreateIndex
CREATE INDEX "Call_customerId_startedAt_idx" ON "Call"("customerId", "startedAt" DESC);

-- CreateIndex
CREATE INDEX "Call_contactId_idx" ON "Call"("contactId");

-- CreateIndex
CREATE INDEX "Call_agentId_startedAt_idx" ON "Call"("agentId", "startedAt");

-- CreateIndex
CREATE INDEX "Call_queueId_startedAt_idx" ON "Call"("queueId", "startedAt");

-- CreateIndex
CREATE INDEX "Call_startedAt_idx" ON "Call"("startedAt");

-- CreateIndex
CREATE INDEX "Call_ticketId_idx" ON "Call"("ticketId");

-- CreateIndex
CREATE INDEX "CallLeg_agentId_idx" ON "CallLeg"("agentId");

-- CreateIndex
CREATE UNIQUE INDEX "CallLeg_callId_position_key" ON "CallLeg"("callId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "CallEvent_eventId_key" ON "CallEvent"("eventId");

-- CreateIndex
CREATE INDEX "CallEvent_callId_occurredAt_idx" ON "CallEvent"("callId", "occurredAt");

-- CreateIndex
CREATE UNIQUE INDEX "CallCallback_activityId_key" ON "CallCallback"("activityId");

-- CreateIndex
CREATE INDEX "CallCallback_callId_idx" ON "CallCallback"("callId");

-- AddForeignKey
ALTER TABLE "Call" ADD CONSTRAINT "Call_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Call" ADD CONSTRAINT "Call_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Call" ADD CONSTRAINT "Call_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Call" ADD CONSTRAINT "Call_queueId_fkey" FOREIGN KEY ("queueId") REFERENCES "Team"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CallLeg" ADD CONSTRAINT "CallLeg_callId_fkey" FOREIGN KEY ("callId") REFERENCES "Call"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CallLeg" ADD CONSTRAINT "CallLeg_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CallLeg" ADD CONSTRAINT "CallLeg_queueId_fkey" FOREIGN KEY ("queueId") REFERENCES "Team"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CallEvent" ADD CONSTRAINT "CallEvent_callId_fkey" FOREIGN KEY ("callId") REFERENCES "Call"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CallCallback" ADD CONSTRAINT "CallCallback_callId_fkey" FOREIGN KEY ("callId") REFERENCES "Call"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CallCallback" ADD CONSTRAINT "CallCallback_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "Activity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Screen-pop lookups match a number by its trailing digits ("last 7+ digits", or the national number
-- whatever prefix a row was typed with). Indexing the reversed digits turns a suffix match into a
-- prefix range scan. Prisma does not model expression indexes and leaves them alone.
CREATE INDEX "Contact_phoneDigits_reversed_idx" ON "Contact" (reverse("phoneDigits") text_pattern_ops);
CREATE INDEX "Customer_phoneDigits_reversed_idx" ON "Customer" (reverse("phoneDigits") text_pattern_ops);
