-- CreateEnum
CREATE TYPE "PoolMemberRole" AS ENUM ('MEMBER', 'ADMIN');

-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "poolId" UUID;

-- AlterTable
ALTER TABLE "CustomerTransfer" ADD COLUMN     "poolId" UUID,
ADD COLUMN     "rule" TEXT,
ADD COLUMN     "ruleParams" JSONB;

-- CreateTable
CREATE TABLE "PublicPool" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "isDefault" BOOLEAN NOT NULL DEFAULT false,
    "rules" JSONB,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PublicPool_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PublicPoolMember" (
    "id" UUID NOT NULL,
    "poolId" UUID NOT NULL,
    "userId" UUID,
    "teamId" UUID,
    "role" "PoolMemberRole" NOT NULL DEFAULT 'MEMBER',

    CONSTRAINT "PublicPoolMember_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PublicPool_name_key" ON "PublicPool"("name");

-- CreateIndex
CREATE INDEX "PublicPoolMember_userId_idx" ON "PublicPoolMember"("userId");

-- CreateIndex
CREATE INDEX "PublicPoolMember_teamId_idx" ON "PublicPoolMember"("teamId");

-- CreateIndex
CREATE UNIQUE INDEX "PublicPoolMember_poolId_userId_key" ON "PublicPoolMember"("poolId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "PublicPoolMember_poolId_teamId_key" ON "PublicPoolMember"("poolId", "teamId");

-- CreateIndex
CREATE INDEX "CustomerTransfer_toUserId_kind_at_idx" ON "CustomerTransfer"("toUserId", "kind", "at");

-- AddForeignKey
ALTER TABLE "Customer" ADD CONSTRAINT "Customer_poolId_fkey" FOREIGN KEY ("poolId") REFERENCES "PublicPool"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustomerTransfer" ADD CONSTRAINT "CustomerTransfer_poolId_fkey" FOREIGN KEY ("poolId") REFERENCES "PublicPool"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PublicPoolMember" ADD CONSTRAINT "PublicPoolMember_poolId_fkey" FOREIGN KEY ("poolId") REFERENCES "PublicPool"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PublicPoolMember" ADD CONSTRAINT "PublicPoolMember_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PublicPoolMember" ADD CONSTRAINT "PublicPoolMember_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A pool member is a user or a team, not both.
ALTER TABLE "PublicPoolMember" ADD CONSTRAINT "PublicPoolMember_user_or_team" CHECK (("userId" IS NULL) <> ("teamId" IS NULL));

-- The default pool: every customer already in the public pool is in it (Customer.poolId null), and
-- with rules null it follows customerRules.pool, so an existing deployment behaves as before.
INSERT INTO "PublicPool" ("id", "name", "isDefault", "rules", "version", "createdAt", "updatedAt")
VALUES ('00000000-0000-7000-8000-000000000001', '公海', true, NULL, 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP);
