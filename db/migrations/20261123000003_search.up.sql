-- Customer search (db/customer_search.go): an index for the terms pg_trgm
-- cannot serve, and statistics to pick which trigrams to look up.
--
-- pg_trgm takes no trigram from a two-character word inside a longer run of
-- letters ('%恒通%' in 恒通华盛贸易有限公司), so such a search read every
-- contact. retain_bigrams returns the two-character windows of the lowered
-- text that hold a non-ASCII character (恒通, "b王"), duplicates left to GIN;
-- a GIN expression index over it on the text the search reads finds them:
--   retain_bigrams(text) @> retain_bigrams(term)
-- holds for every text that contains the term (ILIKE compares lower() of
-- both), and the ILIKE is then checked on the rows found. Pairs of ASCII
-- characters are left out: they would make the index five times larger and
-- every write of a customer or contact dearer (each update that changes the
-- risk score rewrites every index entry), and a two-letter Latin term is
-- almost always frequent, which the list finds by walking anyway. Text
-- without a non-ASCII character (as many bytes as characters) costs nothing
-- more than counting them.
--
-- First every run of three or more ASCII characters (an email, a phone
-- number) shrinks to its first and last character around two U+001F (unit
-- separator, which no text field accepts): only those two can stand next to
-- a non-ASCII character, and the pairs that U+001F makes are ASCII. Then two
-- passes of regexp_replace cut the text into pairs from the first and from
-- the second character; a pair with a non-ASCII character is kept, other
-- pairs and a lone last character become empty strings, which array_remove
-- drops, U+001F marking the cuts. The body is one expression, so PostgreSQL
-- inlines it; it costs two to three times pg_trgm's own extraction.
--
-- Expression indexes rather than generated columns: adding a column would
-- rewrite both tables. They are built CONCURRENTLY, each statement on its
-- own outside a transaction, so writes go on during the minutes a large
-- table takes; a build interrupted before this migration is recorded leaves
-- an invalid index behind, which the DROP before each CREATE clears.

CREATE OR REPLACE FUNCTION retain_bigrams(t text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT CASE WHEN octet_length(t) > length(t) THEN array_remove(string_to_array(
    regexp_replace(
      regexp_replace(lower(t), '([\x01-\x1e\x20-\x7f])[\x01-\x1e\x20-\x7f]+([\x01-\x1e\x20-\x7f])', E'\\1\x1f\x1f\\2', 'g'),
      '([^\x01-\x7f].|.[^\x01-\x7f])|..|.', E'\\1\x1f', 'g') ||
    regexp_replace(substr(
      regexp_replace(lower(t), '([\x01-\x1e\x20-\x7f])[\x01-\x1e\x20-\x7f]+([\x01-\x1e\x20-\x7f])', E'\\1\x1f\x1f\\2', 'g'), 2),
      '([^\x01-\x7f].|.[^\x01-\x7f])|..|.', E'\\1\x1f', 'g'), E'\x1f'), '')
  ELSE '{}' END
$$;

--bun:split

-- retain_trigrams returns every three-character window of the lowered text.
-- No index uses it: ANALYZE computes it over its sample for the statistics
-- objects below, whose most common elements tell the search which trigrams
-- of a term nearly every row has ("cus" of customer…@, "138" of Chinese
-- mobile numbers), so it leaves their long posting lists unread.
CREATE OR REPLACE FUNCTION retain_trigrams(t text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT array_remove(string_to_array(
    regexp_replace(lower(t), '(...)|.{1,2}', E'\\1\x1f', 'g') ||
    regexp_replace(substr(lower(t), 2), '(...)|.{1,2}', E'\\1\x1f', 'g') ||
    regexp_replace(substr(lower(t), 3), '(...)|.{1,2}', E'\\1\x1f', 'g'), E'\x1f'), '')
$$;

--bun:split

CREATE STATISTICS IF NOT EXISTS customers_search_trigrams
  ON (retain_trigrams(name || ' ' || company || ' ' || email || ' ' || phone)) FROM customers;

--bun:split

CREATE STATISTICS IF NOT EXISTS contacts_search_trigrams
  ON (retain_trigrams(name || ' ' || email || ' ' || phone || ' ' || wechat)) FROM contacts;

--bun:split

SET statement_timeout = 0;

--bun:split

DROP INDEX CONCURRENTLY IF EXISTS customers_bigram_idx;

--bun:split

CREATE INDEX CONCURRENTLY customers_bigram_idx ON customers
  USING gin (retain_bigrams(name || ' ' || company || ' ' || email || ' ' || phone));

--bun:split

DROP INDEX CONCURRENTLY IF EXISTS contacts_bigram_idx;

--bun:split

CREATE INDEX CONCURRENTLY contacts_bigram_idx ON contacts
  USING gin (retain_bigrams(name || ' ' || email || ' ' || phone || ' ' || wechat));

--bun:split

-- Collect the statistics now rather than at the next automatic analyze.
ANALYZE customers, contacts;

--bun:split

RESET statement_timeout;
