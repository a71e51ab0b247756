-- CreateTable
CREATE TABLE "RoleSetting" (
    "role" "UserRole" NOT NULL,
    "permissions" TEXT[],
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RoleSetting_pkey" PRIMARY KEY ("role")
);
