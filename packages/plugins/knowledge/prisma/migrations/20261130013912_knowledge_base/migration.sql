-- The text search configuration of an article's language (its primary subtag); 'simple' (no stemming,
-- no stop words) for languages PostgreSQL has no stemmer for, e.g. Chinese. IMMUTABLE, so the generated
-- column below may use it. Keep in step with SEARCH_CONFIGS in packages/plugins/knowledge/src/search-config.ts.
CREATE FUNCTION knowledge_search_config(language TEXT) RETURNS regconfig
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE lower(split_part(replace(language, '_', '-'), '-', 1))
    WHEN 'en' THEN 'english'::regconfig
    WHEN 'de' THEN 'german'::regconfig
    WHEN 'fr' THEN 'french'::regconfig
    WHEN 'es' THEN 'spanish'::regconfig
    WHEN 'it' THEN 'italian'::regconfig
    WHEN 'pt' THEN 'portuguese'::regconfig
    WHEN 'nl' THEN 'dutch'::regconfig
    WHEN 'ru' THEN 'russian'::regconfig
    WHEN 'sv' THEN 'swedish'::regconfig
    ELSE 'simple'::regconfig
  END
$$;

-- CreateEnum
CREATE TYPE "ArticleStatus" AS ENUM ('DRAFT', 'IN_REVIEW', 'PUBLISHED', 'ARCHIVED');

-- CreateEnum
CREATE TYPE "ArticleVisibility" AS ENUM ('INTERNAL', 'PARTNER', 'PUBLIC');

-- CreateTable
CREATE TABLE "ArticleCategory" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "parentId" UUID,
    "position" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ArticleCategory_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Article" (
    "id" UUID NOT NULL,
    "number" SERIAL NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT,
    "body" TEXT NOT NULL,
    "bodyHtml" TEXT NOT NULL,
    "categoryId" UUID,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "language" TEXT NOT NULL DEFAULT 'en',
    "status" "ArticleStatus" NOT NULL DEFAULT 'DRAFT',
    "visibility" "ArticleVisibility" NOT NULL DEFAULT 'INTERNAL',
    "authorId" UUID,
    "publishAt" TIMESTAMP(3),
    "expireAt" TIMESTAMP(3),
    "publishedAt" TIMESTAMP(3),
    "archivedAt" TIMESTAMP(3),
    "approvedAt" TIMESTAMP(3),
    "latestVersion" INTEGER NOT NULL DEFAULT 0,
    "restoredFromNumber" INTEGER,
    "version" INTEGER NOT NULL DEFAULT 1,
    -- Generated, so it can never disagree with the text. Prisma sees a plain tsvector column.
    "searchVector" tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector(knowledge_search_config("language"), "title"), 'A') ||
        setweight(to_tsvector(knowledge_search_config("language"), coalesce("summary", '')), 'B') ||
        setweight(to_tsvector(knowledge_search_config("language"), "body"), 'C')
    ) STORED,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Article_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ArticleReviewer" (
    "articleId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "approvedAt" TIMESTAMP(3),

    CONSTRAINT "ArticleReviewer_pkey" PRIMARY KEY ("articleId","userId")
);

-- CreateTable
CREATE TABLE "ArticleVersion" (
    "id" UUID NOT NULL,
    "articleId" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT,
    "body" TEXT NOT NULL,
    "bodyHtml" TEXT NOT NULL,
    "categoryId" UUID,
    "tags" TEXT[],
    "language" TEXT NOT NULL,
    "visibility" "ArticleVisibility" NOT NULL,
    "restoredFromNumber" INTEGER,
    "publishedById" UUID,
    "publishedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ArticleVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ArticleLink" (
    "id" UUID NOT NULL,
    "articleId" UUID NOT NULL,
    "customerId" UUID,
    "contactId" UUID,
    "ticketId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ArticleLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ArticleVote" (
    "articleId" UUID NOT NULL,
    "voterKey" TEXT NOT NULL,
    "helpful" BOOLEAN NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ArticleVote_pkey" PRIMARY KEY ("articleId","voterKey")
);

-- CreateTable
CREATE TABLE "ArticleStats" (
    "articleId" UUID NOT NULL,
    "viewCount" INTEGER NOT NULL DEFAULT 0,
    "helpfulCount" INTEGER NOT NULL DEFAULT 0,
    "notHelpfulCount" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ArticleStats_pkey" PRIMARY KEY ("articleId")
);

-- CreateTable
CREATE TABLE "ArticleAttachment" (
    "id" UUID NOT NULL,
    "articleId" UUID NOT NULL,
    "fileName" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "uploadedById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ArticleAttachment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ArticleCategory_slug_key" ON "ArticleCategory"("slug");

-- CreateIndex
CREATE INDEX "ArticleCategory_parentId_position_idx" ON "ArticleCategory"("parentId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "Article_number_key" ON "Article"("number");

-- CreateIndex
CREATE INDEX "Article_status_visibility_idx" ON "Article"("status", "visibility");

-- CreateIndex
CREATE INDEX "Article_categoryId_idx" ON "Article"("categoryId");

-- CreateIndex
CREATE INDEX "Article_tags_idx" ON "Article" USING GIN ("tags");

-- CreateIndex
CREATE INDEX "Article_searchVector_idx" ON "Article" USING GIN ("searchVector");

-- CreateIndex
CREATE INDEX "Article_publishAt_idx" ON "Article"("publishAt");

-- CreateIndex
CREATE INDEX "Article_expireAt_idx" ON "Article"("expireAt");

-- CreateIndex
CREATE INDEX "ArticleReviewer_userId_idx" ON "ArticleReviewer"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "ArticleVersion_articleId_number_key" ON "ArticleVersion"("articleId", "number");

-- CreateIndex
CREATE INDEX "ArticleLink_customerId_idx" ON "ArticleLink"("customerId");

-- CreateIndex
CREATE INDEX "ArticleLink_contactId_idx" ON "ArticleLink"("contactId");

-- CreateIndex
CREATE INDEX "ArticleLink_ticketId_idx" ON "ArticleLink"("ticketId");

-- CreateIndex
CREATE UNIQUE INDEX "ArticleLink_articleId_customerId_key" ON "ArticleLink"("articleId", "customerId");

-- CreateIndex
CREATE UNIQUE INDEX "ArticleLink_articleId_contactId_key" ON "ArticleLink"("articleId", "contactId");

-- CreateIndex
CREATE UNIQUE INDEX "ArticleLink_articleId_ticketId_key" ON "ArticleLink"("articleId", "ticketId");

-- CreateIndex
CREATE INDEX "ArticleAttachment_articleId_idx" ON "ArticleAttachment"("articleId");

-- AddForeignKey
ALTER TABLE "ArticleCategory" ADD CONSTRAINT "ArticleCategory_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "ArticleCategory"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Article" ADD CONSTRAINT "Article_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "ArticleCategory"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Article" ADD CONSTRAINT "Article_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArticleReviewer" ADD CONSTRAINT "ArticleReviewer_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArticleReviewer" ADD CONSTRAINT "ArticleReviewer_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArticleVersion" ADD CONSTRAINT "ArticleVersion_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArticleVersion" ADD CONSTRAINT "ArticleVersion_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "ArticleCategory"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArticleVersion" ADD CONSTRAINT "ArticleVersion_publishedById_fkey" FOREIGN KEY ("publishedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArticleLink" ADD CONSTRAINT "ArticleLink_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArticleLink" ADD CONSTRAINT "ArticleLink_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArticleLink" ADD CONSTRAINT "ArticleLink_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArticleVote" ADD CONSTRAINT "ArticleVote_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArticleStats" ADD CONSTRAINT "ArticleStats_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArticleAttachment" ADD CONSTRAINT "ArticleAttachment_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArticleAttachment" ADD CONSTRAINT "ArticleAttachment_uploadedById_fkey" FOREIGN KEY ("uploadedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- A link names exactly one customer, contact or ticket.
ALTER TABLE "ArticleLink" ADD CONSTRAINT "ArticleLink_one_target_check"
    CHECK (num_nonnulls("customerId", "contactId", "ticketId") = 1);

-- Published versions are history: refuse to change them (deleting goes with the article).
CREATE FUNCTION knowledge_version_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ArticleVersion rows are immutable';
END
$$;
CREATE TRIGGER "ArticleVersion_immutable" BEFORE UPDATE ON "ArticleVersion"
    FOR EACH ROW EXECUTE FUNCTION knowledge_version_immutable();
