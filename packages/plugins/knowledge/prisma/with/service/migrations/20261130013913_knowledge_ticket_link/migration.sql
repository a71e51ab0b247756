-- AddForeignKey
-- Skipped where the constraint exists: databases migrated before the plugin moved into its package
-- got it from 20261130013912_knowledge_base, whose earlier checksum superseded.sha256 keeps.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'ArticleLink_ticketId_fkey') THEN
    ALTER TABLE "ArticleLink" ADD CONSTRAINT "ArticleLink_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;
  END IF;
END
$$;
