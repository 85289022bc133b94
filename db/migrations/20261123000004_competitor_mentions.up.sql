-- A write's rescore counts the customer's competitor mentions of the last 90 days
-- (db/risk.go, interactionsPerCustomer). Through this index that costs the mentions, not
-- the customer's whole recent history. Built CONCURRENTLY, outside a transaction, so
-- writes go on meanwhile; the DROP clears an invalid index left by an interrupted build.

DROP INDEX CONCURRENTLY IF EXISTS interactions_competitor_idx;
--bun:split
CREATE INDEX CONCURRENTLY interactions_competitor_idx ON interactions (customer_id, occurred_at)
  WHERE competitor <> '';
