-- Contact search (packages/core/src/customers/search.ts): each contact's own search key (its name and
-- the name's pinyin in full and by initials) and its grams behind a GIN index, written with its
-- customer's key. Existing rows are indexed by the server (it computes the pinyin): clearing the
-- customers' keys makes start-up and the customer-search job reindex every customer with its contacts.
ALTER TABLE "Contact" ADD COLUMN "searchKey" TEXT,
ADD COLUMN "searchTokens" TEXT[] DEFAULT ARRAY[]::TEXT[];

CREATE INDEX "Contact_searchTokens_idx" ON "Contact" USING GIN ("searchTokens");

UPDATE "Customer" SET "searchKey" = NULL WHERE "searchKey" IS NOT NULL;
