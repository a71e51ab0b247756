-- Sessions of any principal kind: staff sessions keep their user (principalId = userId); a plugin's
-- principals (e.g. partner users) get sessions here instead of tables of their own.
ALTER TABLE "AuthSession" ADD COLUMN "principal" TEXT NOT NULL DEFAULT 'staff',
ADD COLUMN "principalId" UUID;

UPDATE "AuthSession" SET "principalId" = "userId";

ALTER TABLE "AuthSession" ALTER COLUMN "principalId" SET NOT NULL,
ALTER COLUMN "userId" DROP NOT NULL;

-- CreateIndex
CREATE INDEX "AuthSession_principal_principalId_idx" ON "AuthSession"("principal", "principalId");
