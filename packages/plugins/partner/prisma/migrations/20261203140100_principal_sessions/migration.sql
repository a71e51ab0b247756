-- Portal sessions move to core's session service (AuthSession, principal 'partner'): live ones and
-- their refresh tokens are copied over, so nobody signed in to the portal is signed out by the upgrade.
INSERT INTO "AuthSession" ("id", "principal", "principalId", "userId", "ip", "userAgent", "createdAt", "revokedAt")
SELECT "id", 'partner', "partnerUserId", NULL, "ip", "userAgent", "createdAt", "revokedAt" FROM "PartnerSession";

INSERT INTO "RefreshToken" ("id", "sessionId", "tokenHash", "expiresAt", "rotatedAt", "createdAt")
SELECT "id", "sessionId", "tokenHash", "expiresAt", "rotatedAt", "createdAt" FROM "PartnerRefreshToken";

-- DropForeignKey
ALTER TABLE "PartnerRefreshToken" DROP CONSTRAINT "PartnerRefreshToken_sessionId_fkey";

-- DropForeignKey
ALTER TABLE "PartnerSession" DROP CONSTRAINT "PartnerSession_partnerUserId_fkey";

-- DropTable
DROP TABLE "PartnerRefreshToken";

-- DropTable
DROP TABLE "PartnerSession";
