-- Customer search (packages/core/src/customers/search.ts): a search key holding the name, its pinyin
-- in full and by initials and the contacts' names with theirs, and its grams (CJK characters, pairs of
-- adjacent characters) behind a GIN index. The pinyin is computed by the server, so existing rows are
-- left null here and filled at start-up and by the customer-search job.
ALTER TABLE "Customer" ADD COLUMN "searchKey" TEXT,
ADD COLUMN "searchTokens" TEXT[] DEFAULT ARRAY[]::TEXT[];

CREATE INDEX "Customer_searchTokens_idx" ON "Customer" USING GIN ("searchTokens");

-- Writes that do not go through the services that refresh the key (a bulk insert, a plugin's edit)
-- mark it stale, so the job reindexes the customer: a changed name, or a contact added, renamed,
-- moved or removed. The services refresh it in the same transaction, after these fire.
CREATE FUNCTION customer_search_stale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."searchKey" := NULL;
  RETURN NEW;
END $$;

CREATE TRIGGER "Customer_name_search_stale" BEFORE UPDATE OF "name" ON "Customer"
FOR EACH ROW WHEN (OLD."name" IS DISTINCT FROM NEW."name" AND OLD."searchKey" IS NOT DISTINCT FROM NEW."searchKey")
EXECUTE FUNCTION customer_search_stale();

-- Per statement over the transition tables, so a bulk insert of contacts (an import) costs one update.
CREATE FUNCTION contact_search_stale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE "Customer" SET "searchKey" = NULL WHERE "searchKey" IS NOT NULL AND "id" IN (SELECT "customerId" FROM new_rows);
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE "Customer" SET "searchKey" = NULL WHERE "searchKey" IS NOT NULL AND "id" IN (SELECT "customerId" FROM old_rows);
  ELSE
    UPDATE "Customer" SET "searchKey" = NULL WHERE "searchKey" IS NOT NULL AND "id" IN (
      SELECT o."customerId" FROM old_rows o JOIN new_rows n ON n."id" = o."id" WHERE n."name" IS DISTINCT FROM o."name" OR n."customerId" <> o."customerId"
      UNION SELECT n."customerId" FROM old_rows o JOIN new_rows n ON n."id" = o."id" WHERE n."customerId" <> o."customerId");
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "Contact_insert_search_stale" AFTER INSERT ON "Contact"
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION contact_search_stale();
CREATE TRIGGER "Contact_delete_search_stale" AFTER DELETE ON "Contact"
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION contact_search_stale();
CREATE TRIGGER "Contact_update_search_stale" AFTER UPDATE ON "Contact"
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION contact_search_stale();
