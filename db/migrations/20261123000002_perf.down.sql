DROP INDEX IF EXISTS promises_interaction_idx;
