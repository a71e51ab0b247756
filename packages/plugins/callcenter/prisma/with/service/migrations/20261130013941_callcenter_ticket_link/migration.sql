-- AddForeignKey
-- Skipped where the constraint exists: databases migrated before the plugin moved into its package
-- got it from 20261130013940_callcenter, whose earlier checksum superseded.sha256 keeps.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'Call_ticketId_fkey') THEN
    ALTER TABLE "Call" ADD CONSTRAINT "Call_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE SET NULL ON UPDATE CASCADE;
  END IF;
END
$$;
