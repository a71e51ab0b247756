-- CreateTable
CREATE TABLE "DataExport" (
    "id" UUID NOT NULL,
    "entity" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "filter" JSONB,
    "viewer" JSONB NOT NULL,
    "requestedById" UUID,
    "requestedAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "downloadedAt" TIMESTAMP(3),
    "rowCount" INTEGER,

    CONSTRAINT "DataExport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DataExport_requestedAt_idx" ON "DataExport"("requestedAt");
