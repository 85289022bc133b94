DROP INDEX CONCURRENTLY IF EXISTS interactions_competitor_idx;
