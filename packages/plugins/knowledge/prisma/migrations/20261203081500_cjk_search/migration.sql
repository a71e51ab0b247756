-- Chinese (and Japanese, Korean) text has no spaces between words, so the text search parser sees
-- "如何配置路由器" as one word and "路由器" never matches it. Index the CJK runs also as single
-- characters and as overlapping pairs (bigrams), in order, so a query run becomes a phrase of its
-- pairs ('路由' <-> '由器') and a single-character query a single term: words inside unspaced text
-- are found on PGlite and PostgreSQL alike, ranked with the rest of the vector.
CREATE FUNCTION knowledge_cjk_terms(t TEXT, size INT) RETURNS TEXT
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(string_agg(substr(m.run[1], i, size), ' ' ORDER BY m.n, i), '')
  FROM regexp_matches(coalesce(t, ''), '([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)', 'g') WITH ORDINALITY AS m(run, n),
       generate_series(1, greatest(char_length(m.run[1]) - size + 1, 1)) AS i
$$;

CREATE FUNCTION knowledge_cjk_vector(t TEXT) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT to_tsvector('simple'::regconfig, knowledge_cjk_terms(t, 1)) || to_tsvector('simple'::regconfig, knowledge_cjk_terms(t, 2))
$$;

DROP INDEX "Article_searchVector_idx";
ALTER TABLE "Article" DROP COLUMN "searchVector";
ALTER TABLE "Article" ADD COLUMN "searchVector" tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector(knowledge_search_config("language"), "title") || knowledge_cjk_vector("title"), 'A') ||
    setweight(to_tsvector(knowledge_search_config("language"), coalesce("summary", '')) || knowledge_cjk_vector("summary"), 'B') ||
    setweight(to_tsvector(knowledge_search_config("language"), "body") || knowledge_cjk_vector("body"), 'C')
) STORED;
CREATE INDEX "Article_searchVector_idx" ON "Article" USING GIN ("searchVector");
