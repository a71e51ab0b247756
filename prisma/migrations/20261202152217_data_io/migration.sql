-- CreateEnum
CREATE TYPE "DataImportStatus" AS ENUM ('RUNNING', 'DONE', 'REFUSED', 'FAILED', 'UNDONE');

-- CreateTable
CREATE TABLE "ImportMapping" (
    "id" UUID NOT NULL,
    "entity" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "columns" JSONB NOT NULL,
    "createdById" UUID,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ImportMapping_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DataImport" (
    "id" UUID NOT NULL,
    "entity" TEXT NOT NULL,
    "status" "DataImportStatus" NOT NULL DEFAULT 'RUNNING',
    "dryRun" BOOLEAN NOT NULL,
    "fileName" TEXT,
    "format" TEXT NOT NULL,
    "encoding" TEXT,
    "delimiter" TEXT,
    "options" JSONB NOT NULL,
    "totalRows" INTEGER NOT NULL DEFAULT 0,
    "processedRows" INTEGER NOT NULL DEFAULT 0,
    "createdCount" INTEGER NOT NULL DEFAULT 0,
    "mergedCount" INTEGER NOT NULL DEFAULT 0,
    "skippedCount" INTEGER NOT NULL DEFAULT 0,
    "invalidCount" INTEGER NOT NULL DEFAULT 0,
    "duplicateCount" INTEGER NOT NULL DEFAULT 0,
    "errors" JSONB NOT NULL DEFAULT '[]',
    "duplicates" JSONB NOT NULL DEFAULT '[]',
    "failure" TEXT,
    "startedById" UUID,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),
    "undoneAt" TIMESTAMP(3),

    CONSTRAINT "DataImport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DataImportRecord" (
    "id" UUID NOT NULL,
    "importId" UUID NOT NULL,
    "entityType" TEXT NOT NULL,
    "recordId" UUID NOT NULL,
    "created" BOOLEAN NOT NULL,
    "versionAfter" INTEGER NOT NULL,
    "before" JSONB,

    CONSTRAINT "DataImportRecord_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ImportMapping_entity_name_key" ON "ImportMapping"("entity", "name");

-- CreateIndex
CREATE INDEX "DataImport_startedAt_idx" ON "DataImport"("startedAt");

-- CreateIndex
CREATE INDEX "DataImportRecord_importId_idx" ON "DataImportRecord"("importId");

-- CreateIndex
CREATE INDEX "DataImportRecord_recordId_idx" ON "DataImportRecord"("recordId");

-- AddForeignKey
ALTER TABLE "DataImportRecord" ADD CONSTRAINT "DataImportRecord_importId_fkey" FOREIGN KEY ("importId") REFERENCES "DataImport"("id") ON DELETE CASCADE ON UPDATE CASCADE;
