-- Portal alerts move into core's Alert table as recipient kind PARTNER_USER (core's alert service
-- serves every recipient kind). They were fired and published when written; read state is kept.
INSERT INTO "Alert" ("id", "recipientKind", "recipientId", "kind", "title", "body", "entityType", "entityId",
                     "fireAt", "firedAt", "readAt", "dedupeKey", "createdAt")
SELECT "id", 'PARTNER_USER', "partnerUserId", "kind", "title", "body", "entityType", "entityId",
       "createdAt", "createdAt", "readAt", "dedupeKey", "createdAt"
FROM "PartnerAlert"
ON CONFLICT DO NOTHING;

-- DropForeignKey
ALTER TABLE "PartnerAlert" DROP CONSTRAINT "PartnerAlert_partnerUserId_fkey";

-- DropTable
DROP TABLE "PartnerAlert";
