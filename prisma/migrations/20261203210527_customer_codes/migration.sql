/*
  Warnings:

  - A unique constraint covering the columns `[code]` on the table `Customer` will be added. If there are existing duplicate values, this will fail.
  - A unique constraint covering the columns `[code]` on the table `User` will be added. If there are existing duplicate values, this will fail.

*/
-- Existing customers keep the code they were shown: start-up (fillLegacyCustomerCodes) stores the
-- code derived from their number with the deployment's RAPPORT_CUSTOMER_CODE_PREFIX, which this
-- migration cannot know; until then the graph derives it the same way.
-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "code" TEXT;

-- AlterTable
ALTER TABLE "Deal" ADD COLUMN     "currency" TEXT;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "code" TEXT;

-- CreateTable
CREATE TABLE "CustomerCodeSequence" (
    "prefix" TEXT NOT NULL,
    "last" INTEGER NOT NULL,

    CONSTRAINT "CustomerCodeSequence_pkey" PRIMARY KEY ("prefix")
);

-- CreateIndex
CREATE UNIQUE INDEX "Customer_code_key" ON "Customer"("code");

-- CreateIndex
CREATE UNIQUE INDEX "User_code_key" ON "User"("code");
