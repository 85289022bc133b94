-- Indexes found by the benchmark harness (docs/benchmarks.md).

-- promises.interaction_id references interactions ON DELETE SET NULL; without
-- an index every deleted interaction (and every customer deleted with its
-- history) scans all promises.
CREATE INDEX IF NOT EXISTS promises_interaction_idx ON promises (workspace_id, interaction_id) WHERE interaction_id IS NOT NULL;
