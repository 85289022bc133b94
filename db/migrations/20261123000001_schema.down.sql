DROP TABLE IF EXISTS idempotency_keys, audit_log, signing_keys, refresh_tokens, api_tokens,
  risk_score_history, event_outbox, alerts, orders, stage_changes, remediation_steps,
  playbook_steps, playbooks, complaints, promises, interactions, key_dates, contacts,
  customers, loss_reasons, relationship_types, users, workspaces CASCADE;
--bun:split
DROP FUNCTION IF EXISTS retain_uuid7();
--bun:split
DROP EXTENSION IF EXISTS pg_trgm;
