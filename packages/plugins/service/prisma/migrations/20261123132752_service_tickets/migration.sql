-- CreateEnum
CREATE TYPE "TicketType" AS ENUM ('INQUIRY', 'COMPLAINT', 'REPAIR', 'REQUEST');

-- CreateEnum
CREATE TYPE "TicketChannel" AS ENUM ('PHONE', 'EMAIL', 'WEB', 'CHAT', 'VISIT', 'SOCIAL');

-- CreateEnum
CREATE TYPE "TicketPriority" AS ENUM ('LOW', 'NORMAL', 'HIGH', 'URGENT');

-- CreateEnum
CREATE TYPE "TicketStatus" AS ENUM ('NEW', 'OPEN', 'PENDING', 'RESOLVED', 'CLOSED');

-- CreateEnum
CREATE TYPE "TicketEventKind" AS ENUM ('OPENED', 'COMMENTED', 'STATUS_CHANGED', 'ASSIGNED', 'ESCALATED', 'SLA_BREACHED', 'RATED');

-- CreateEnum
CREATE TYPE "TicketCommentVisibility" AS ENUM ('PUBLIC', 'INTERNAL');

-- CreateEnum
CREATE TYPE "TicketSlaTarget" AS ENUM ('FIRST_RESPONSE', 'RESOLUTION');

-- CreateTable
CREATE TABLE "Ticket" (
    "id" UUID NOT NULL,
    "number" SERIAL NOT NULL,
    "subject" TEXT NOT NULL,
    "description" TEXT,
    "customerId" UUID NOT NULL,
    "contactId" UUID,
    "type" "TicketType" NOT NULL,
    "channel" "TicketChannel" NOT NULL,
    "priority" "TicketPriority" NOT NULL,
    "status" "TicketStatus" NOT NULL DEFAULT 'NEW',
    "assigneeId" UUID,
    "queueId" UUID,
    "escalationLevel" INTEGER NOT NULL DEFAULT 0,
    "firstResponseDueAt" TIMESTAMP(3) NOT NULL,
    "resolutionDueAt" TIMESTAMP(3) NOT NULL,
    "firstRespondedAt" TIMESTAMP(3),
    "resolvedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "firstResponseBreachedAt" TIMESTAMP(3),
    "resolutionBreachedAt" TIMESTAMP(3),
    "resolution" TEXT,
    "satisfactionRating" INTEGER,
    "satisfactionComment" TEXT,
    "ratedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Ticket_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TicketEvent" (
    "id" UUID NOT NULL,
    "seq" SERIAL NOT NULL,
    "ticketId" UUID NOT NULL,
    "kind" "TicketEventKind" NOT NULL,
    "authorId" UUID,
    "body" TEXT,
    "visibility" "TicketCommentVisibility",
    "fromStatus" "TicketStatus",
    "toStatus" "TicketStatus",
    "assigneeId" UUID,
    "queueId" UUID,
    "escalationLevel" INTEGER,
    "slaTarget" "TicketSlaTarget",
    "rating" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TicketEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Ticket_number_key" ON "Ticket"("number");

-- CreateIndex
CREATE INDEX "Ticket_status_priority_idx" ON "Ticket"("status", "priority");

-- CreateIndex
CREATE INDEX "Ticket_customerId_createdAt_idx" ON "Ticket"("customerId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Ticket_contactId_idx" ON "Ticket"("contactId");

-- CreateIndex
CREATE INDEX "Ticket_assigneeId_status_idx" ON "Ticket"("assigneeId", "status");

-- CreateIndex
CREATE INDEX "Ticket_queueId_status_idx" ON "Ticket"("queueId", "status");

-- CreateIndex
CREATE INDEX "Ticket_createdAt_idx" ON "Ticket"("createdAt");

-- CreateIndex
CREATE INDEX "Ticket_firstRespondedAt_firstResponseBreachedAt_firstRespon_idx" ON "Ticket"("firstRespondedAt", "firstResponseBreachedAt", "firstResponseDueAt");

-- CreateIndex
CREATE INDEX "Ticket_resolvedAt_resolutionBreachedAt_resolutionDueAt_idx" ON "Ticket"("resolvedAt", "resolutionBreachedAt", "resolutionDueAt");

-- CreateIndex
CREATE UNIQUE INDEX "TicketEvent_seq_key" ON "TicketEvent"("seq");

-- CreateIndex
CREATE INDEX "TicketEvent_ticketId_createdAt_seq_idx" ON "TicketEvent"("ticketId", "createdAt", "seq");

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_queueId_fkey" FOREIGN KEY ("queueId") REFERENCES "Team"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketEvent" ADD CONSTRAINT "TicketEvent_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketEvent" ADD CONSTRAINT "TicketEvent_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketEvent" ADD CONSTRAINT "TicketEvent_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketEvent" ADD CONSTRAINT "TicketEvent_queueId_fkey" FOREIGN KEY ("queueId") REFERENCES "Team"("id") ON DELETE SET NULL ON UPDATE CASCADE;
