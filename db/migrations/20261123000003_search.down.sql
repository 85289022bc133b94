DROP INDEX IF EXISTS contacts_bigram_idx;
--bun:split
DROP INDEX IF EXISTS customers_bigram_idx;
--bun:split
DROP STATISTICS IF EXISTS contacts_search_trigrams;
--bun:split
DROP STATISTICS IF EXISTS customers_search_trigrams;
--bun:split
DROP FUNCTION IF EXISTS retain_trigrams(text);
--bun:split
DROP FUNCTION IF EXISTS retain_bigrams(text);
