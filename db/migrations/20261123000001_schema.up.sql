-- Retain's whole domain model. Every business row carries workspace_id, and
-- references between rows are composite (workspace_id, id) foreign keys, so a
-- row can never point at a row of another workspace even if application code
-- forgets to check.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

--bun:split

-- uuid7 generates time-ordered UUIDs (RFC 9562 version 7) so primary-key
-- indexes stay append-mostly. PostgreSQL 18 has uuidv7(); 15 does not.
CREATE FUNCTION retain_uuid7() RETURNS uuid LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  ms bigint := floor(extract(epoch FROM clock_timestamp()) * 1000);
  b bytea := uuid_send(gen_random_uuid());
BEGIN
  b := set_byte(b, 0, ((ms >> 40) & 255)::int);
  b := set_byte(b, 1, ((ms >> 32) & 255)::int);
  b := set_byte(b, 2, ((ms >> 24) & 255)::int);
  b := set_byte(b, 3, ((ms >> 16) & 255)::int);
  b := set_byte(b, 4, ((ms >> 8) & 255)::int);
  b := set_byte(b, 5, (ms & 255)::int);
  b := set_byte(b, 6, (get_byte(b, 6) & 15) | 112);
  b := set_byte(b, 8, (get_byte(b, 8) & 63) | 128);
  RETURN encode(b, 'hex')::uuid;
END $$;

--bun:split

CREATE TABLE workspaces (
  id          uuid PRIMARY KEY DEFAULT retain_uuid7(),
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  slug        text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  -- settings: risk thresholds, default risk weights, auto-apply recovery playbook, timezone.
  settings    jsonb NOT NULL DEFAULT '{}'::jsonb,
  version     integer NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  id             uuid PRIMARY KEY DEFAULT retain_uuid7(),
  workspace_id   uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  email          text NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
  name           text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  role           text NOT NULL CHECK (role IN ('ADMIN','MANAGER','AGENT','VIEWER')),
  manager_id     uuid,
  password_hash  text NOT NULL,
  locale         text NOT NULL DEFAULT 'en' CHECK (locale IN ('en','zh')),
  active         boolean NOT NULL DEFAULT true,
  deactivated_at timestamptz,
  version        integer NOT NULL DEFAULT 1,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (workspace_id, id),
  FOREIGN KEY (workspace_id, manager_id) REFERENCES users(workspace_id, id),
  CHECK (manager_id IS NULL OR manager_id <> id)
);
-- Email is the login name, so it is unique across workspaces.
CREATE UNIQUE INDEX users_email_key ON users (lower(email));
CREATE INDEX users_manager_idx ON users (workspace_id, manager_id);

CREATE TABLE relationship_types (
  id                   uuid PRIMARY KEY DEFAULT retain_uuid7(),
  workspace_id         uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  name                 text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  description          text NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
  contact_cadence_days integer NOT NULL CHECK (contact_cadence_days BETWEEN 1 AND 365),
  complaint_sla_hours  integer NOT NULL CHECK (complaint_sla_hours BETWEEN 1 AND 720),
  dos                  text[] NOT NULL DEFAULT '{}',
  donts                text[] NOT NULL DEFAULT '{}',
  benefit_budget       numeric(14,2) NOT NULL DEFAULT 0 CHECK (benefit_budget >= 0),
  -- risk_weights overrides the workspace's default weights, signal by signal.
  risk_weights         jsonb NOT NULL DEFAULT '{}'::jsonb,
  version              integer NOT NULL DEFAULT 1,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  UNIQUE (workspace_id, id),
  UNIQUE (workspace_id, name)
);

CREATE TABLE loss_reasons (
  id           uuid PRIMARY KEY DEFAULT retain_uuid7(),
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  code         text NOT NULL CHECK (code ~ '^[A-Z][A-Z0-9_]{0,49}$'),
  label        text NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
  active       boolean NOT NULL DEFAULT true,
  created_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (workspace_id, id),
  UNIQUE (workspace_id, code)
);

CREATE TABLE customers (
  id                   uuid PRIMARY KEY DEFAULT retain_uuid7(),
  workspace_id         uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  external_id          text CHECK (length(external_id) BETWEEN 1 AND 100),
  name                 text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  company              text NOT NULL DEFAULT '' CHECK (length(company) <= 200),
  email                text NOT NULL DEFAULT '' CHECK (length(email) <= 254),
  phone                text NOT NULL DEFAULT '' CHECK (length(phone) <= 50),
  city                 text NOT NULL DEFAULT '' CHECK (length(city) <= 100),
  industry             text NOT NULL DEFAULT '' CHECK (length(industry) <= 100),
  stage                text NOT NULL CHECK (stage IN ('PROSPECT','ACTIVE','DORMANT','SUSPENDED','LOST','WON_BACK')),
  tier                 text NOT NULL CHECK (tier IN ('TKA','PKA','IKA','STANDARD','MARGINAL')),
  -- potential grades future value (A best) so tiers can be set by potential x current value.
  potential            text NOT NULL DEFAULT 'B' CHECK (potential IN ('A','B','C')),
  owner_id             uuid NOT NULL,
  backup_owner_id      uuid,
  relationship_type_id uuid NOT NULL,
  referred_by_id       uuid,
  tags                 text[] NOT NULL DEFAULT '{}',
  details              jsonb NOT NULL DEFAULT '{}'::jsonb,
  preferences          jsonb NOT NULL DEFAULT '{}'::jsonb,
  -- Money figures are kept in the workspace currency.
  annual_revenue       numeric(14,2) NOT NULL DEFAULT 0 CHECK (annual_revenue >= 0),
  acquisition_cost     numeric(14,2) NOT NULL DEFAULT 0 CHECK (acquisition_cost >= 0),
  satisfaction         smallint CHECK (satisfaction BETWEEN 1 AND 5),
  owner_departed       boolean NOT NULL DEFAULT false,
  last_contact_at      timestamptz,
  risk_score           smallint NOT NULL DEFAULT 0 CHECK (risk_score BETWEEN 0 AND 100),
  risk_level           text NOT NULL DEFAULT 'HEALTHY' CHECK (risk_level IN ('HEALTHY','WATCH','AT_RISK','CRITICAL')),
  risk_factors         jsonb NOT NULL DEFAULT '[]'::jsonb,
  risk_updated_at      timestamptz,
  -- alerted_level is the level last alerted for and not yet cleared (hysteresis).
  alerted_level        text NOT NULL DEFAULT 'HEALTHY' CHECK (alerted_level IN ('HEALTHY','WATCH','AT_RISK','CRITICAL')),
  version              integer NOT NULL DEFAULT 1,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  archived_at          timestamptz,
  UNIQUE (workspace_id, id),
  FOREIGN KEY (workspace_id, owner_id) REFERENCES users(workspace_id, id),
  FOREIGN KEY (workspace_id, backup_owner_id) REFERENCES users(workspace_id, id),
  FOREIGN KEY (workspace_id, relationship_type_id) REFERENCES relationship_types(workspace_id, id),
  FOREIGN KEY (workspace_id, referred_by_id) REFERENCES customers(workspace_id, id),
  CHECK (backup_owner_id IS NULL OR backup_owner_id <> owner_id)
);
CREATE UNIQUE INDEX customers_external_id_key ON customers (workspace_id, external_id) WHERE external_id IS NOT NULL;
-- The agent's list page: one owner's live customers by risk, keyset on (risk_score, id).
CREATE INDEX customers_owner_risk_idx ON customers (workspace_id, owner_id, risk_score DESC, id DESC) WHERE archived_at IS NULL;
CREATE INDEX customers_backup_idx ON customers (workspace_id, backup_owner_id) WHERE backup_owner_id IS NOT NULL AND archived_at IS NULL;
CREATE INDEX customers_ws_risk_idx ON customers (workspace_id, risk_score DESC, id DESC) WHERE archived_at IS NULL;
CREATE INDEX customers_ws_name_idx ON customers (workspace_id, name, id) WHERE archived_at IS NULL;
CREATE INDEX customers_rel_type_idx ON customers (workspace_id, relationship_type_id);
CREATE INDEX customers_tags_idx ON customers USING gin (tags);
-- Trigram index makes substring search work for Chinese as well as Latin text.
CREATE INDEX customers_search_idx ON customers USING gin ((name || ' ' || company || ' ' || email || ' ' || phone) gin_trgm_ops);

CREATE TABLE contacts (
  id           uuid PRIMARY KEY DEFAULT retain_uuid7(),
  workspace_id uuid NOT NULL,
  customer_id  uuid NOT NULL,
  name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  title        text NOT NULL DEFAULT '' CHECK (length(title) <= 200),
  email        text NOT NULL DEFAULT '' CHECK (length(email) <= 254),
  phone        text NOT NULL DEFAULT '' CHECK (length(phone) <= 50),
  wechat       text NOT NULL DEFAULT '' CHECK (length(wechat) <= 100),
  is_primary   boolean NOT NULL DEFAULT false,
  notes        text NOT NULL DEFAULT '' CHECK (length(notes) <= 5000),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (workspace_id, id),
  FOREIGN KEY (workspace_id, customer_id) REFERENCES customers(workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX contacts_customer_idx ON contacts (workspace_id, customer_id);
CREATE INDEX contacts_search_idx ON contacts USING gin ((name || ' ' || email || ' ' || phone || ' ' || wechat) gin_trgm_ops);

CREATE TABLE key_dates (
  id           uuid PRIMARY KEY DEFAULT retain_uuid7(),
  workspace_id uuid NOT NULL,
  customer_id  uuid NOT NULL,
  contact_id   uuid,
  kind         text NOT NULL CHECK (kind IN ('BIRTHDAY','ANNIVERSARY','FESTIVAL','RENEWAL','CUSTOM')),
  label        text NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
  calendar     text NOT NULL DEFAULT 'GREGORIAN' CHECK (calendar IN ('GREGORIAN','LUNAR')),
  month        smallint NOT NULL CHECK (month BETWEEN 1 AND 12),
  day          smallint NOT NULL CHECK (day BETWEEN 1 AND 31),
  year         smallint CHECK (year BETWEEN 1900 AND 2200),
  notes        text NOT NULL DEFAULT '' CHECK (length(notes) <= 2000),
  created_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (workspace_id, id),
  FOREIGN KEY (workspace_id, customer_id) REFERENCES customers(workspace_id, id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, contact_id) REFERENCES contacts(workspace_id, id) ON DELETE SET NULL (contact_id)
);
CREATE INDEX key_dates_customer_idx ON key_dates (workspace_id, customer_id);

CREATE TABLE interactions (
  id               uuid PRIMARY KEY DEFAULT retain_uuid7(),
  workspace_id     uuid NOT NULL,
  customer_id      uuid NOT NULL,
  user_id          uuid,
  channel          text NOT NULL CHECK (channel IN ('CALL','VISIT','MEETING','MESSAGE','EMAIL','LETTER','GIFT','EVENT','OTHER')),
  direction        text NOT NULL CHECK (direction IN ('INBOUND','OUTBOUND')),
  occurred_at      timestamptz NOT NULL,
  summary          text NOT NULL CHECK (length(summary) BETWEEN 1 AND 5000),
  sentiment        smallint CHECK (sentiment BETWEEN -2 AND 2),
  competitor       text NOT NULL DEFAULT '' CHECK (length(competitor) <= 200),
  gift_value       numeric(14,2) CHECK (gift_value >= 0),
  gift_feedback    text NOT NULL DEFAULT '' CHECK (length(gift_feedback) <= 2000),
  next_step        text NOT NULL DEFAULT '' CHECK (length(next_step) <= 1000),
  next_step_due_at timestamptz,
  -- Service time counts towards the customer's cost to serve.
  duration_minutes integer NOT NULL DEFAULT 0 CHECK (duration_minutes BETWEEN 0 AND 1440),
  external_id      text CHECK (length(external_id) BETWEEN 1 AND 100),
  created_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (workspace_id, id),
  FOREIGN KEY (workspace_id, customer_id) REFERENCES customers(workspace_id, id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, user_id) REFERENCES users(workspace_id, id)
);
CREATE INDEX interactions_customer_time_idx ON interactions (customer_id, occurred_at DESC, id DESC);
CREATE UNIQUE INDEX interactions_external_id_key ON interactions (workspace_id, external_id) WHERE external_id IS NOT NULL;

CREATE TABLE promises (
  id             uuid PRIMARY KEY DEFAULT retain_uuid7(),
  workspace_id   uuid NOT NULL,
  customer_id    uuid NOT NULL,
  interaction_id uuid,
  owner_id       uuid NOT NULL,
  description    text NOT NULL CHECK (length(description) BETWEEN 1 AND 2000),
  due_at         timestamptz NOT NULL,
  status         text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN','KEPT','BROKEN','CANCELLED')),
  resolved_at    timestamptz,
  resolution_note text NOT NULL DEFAULT '' CHECK (length(resolution_note) <= 2000),
  version        integer NOT NULL DEFAULT 1,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (workspace_id, id),
  FOREIGN KEY (workspace_id, customer_id) REFERENCES customers(workspace_id, id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, interaction_id) REFERENCES interactions(workspace_id, id) ON DELETE SET NULL (interaction_id),
  FOREIGN KEY (workspace_id, owner_id) REFERENCES users(workspace_id, id),
  CHECK ((status = 'OPEN') = (resolved_at IS NULL))
);
CREATE INDEX promises_customer_idx ON promises (customer_id, due_at);
CREATE INDEX promises_open_due_idx ON promises (workspace_id, due_at) WHERE status = 'OPEN';

CREATE TABLE complaints (
  id                uuid PRIMARY KEY DEFAULT retain_uuid7(),
  workspace_id      uuid NOT NULL,
  customer_id       uuid NOT NULL,
  owner_id          uuid NOT NULL,
  category          text NOT NULL CHECK (category IN ('QUALITY','DELIVERY','BILLING','SERVICE_ATTITUDE','BROKEN_PROMISE','PRICE','OTHER')),
  severity          text NOT NULL CHECK (severity IN ('LOW','MEDIUM','HIGH','CRITICAL')),
  channel           text NOT NULL CHECK (channel IN ('CALL','VISIT','MEETING','MESSAGE','EMAIL','LETTER','GIFT','EVENT','OTHER')),
  description       text NOT NULL CHECK (length(description) BETWEEN 1 AND 5000),
  status            text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN','ACKNOWLEDGED','REMEDIATING','RESOLVED','CLOSED')),
  opened_at         timestamptz NOT NULL,
  response_due_at   timestamptz NOT NULL,
  acknowledged_at   timestamptz,
  resolved_at       timestamptz,
  closed_at         timestamptz,
  escalated_to_id   uuid,
  escalated_at      timestamptz,
  root_cause        text NOT NULL DEFAULT '' CHECK (length(root_cause) <= 5000),
  prevention_action text NOT NULL DEFAULT '' CHECK (length(prevention_action) <= 5000),
  satisfaction      smallint CHECK (satisfaction BETWEEN 1 AND 5),
  reopen_count      integer NOT NULL DEFAULT 0,
  version           integer NOT NULL DEFAULT 1,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  UNIQUE (workspace_id, id),
  FOREIGN KEY (workspace_id, customer_id) REFERENCES customers(workspace_id, id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, owner_id) REFERENCES users(workspace_id, id),
  FOREIGN KEY (workspace_id, escalated_to_id) REFERENCES users(workspace_id, id),
  CHECK (response_due_at > opened_at),
  CHECK (status <> 'CLOSED' OR (root_cause <> '' AND prevention_action <> ''))
);
CREATE INDEX complaints_customer_idx ON complaints (customer_id, opened_at DESC);
CREATE INDEX complaints_open_idx ON complaints (workspace_id, customer_id) WHERE status IN ('OPEN','ACKNOWLEDGED','REMEDIATING');
CREATE INDEX complaints_unanswered_due_idx ON complaints (response_due_at) WHERE acknowledged_at IS NULL AND status = 'OPEN';

CREATE TABLE playbooks (
  id           uuid PRIMARY KEY DEFAULT retain_uuid7(),
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  code         text NOT NULL CHECK (code ~ '^[A-Z][A-Z0-9_]{0,49}$'),
  name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  purpose      text NOT NULL CHECK (purpose IN ('RECOVERY','WIN_BACK','OTHER')),
  version      integer NOT NULL DEFAULT 1,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (workspace_id, id),
  UNIQUE (workspace_id, code)
);

CREATE TABLE playbook_steps (
  id                    uuid PRIMARY KEY DEFAULT retain_uuid7(),
  workspace_id          uuid NOT NULL,
  playbook_id           uuid NOT NULL,
  position              integer NOT NULL CHECK (position >= 1),
  kind                  text NOT NULL CHECK (kind IN ('APOLOGISE','ASK_REMEDY','COMPENSATE','ESCALATE','CORRECT','CARE','ACCOUNTABILITY','CONTACT','LISTEN','PLAN','FULFIL','FIX_DEFECT','OTHER')),
  title                 text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  due_offset_hours      integer NOT NULL CHECK (due_offset_hours BETWEEN 0 AND 8760),
  default_assignee_role text NOT NULL CHECK (default_assignee_role IN ('OWNER','MANAGER','SERVICE')),
  UNIQUE (workspace_id, id),
  UNIQUE (playbook_id, position) DEFERRABLE INITIALLY DEFERRED,
  FOREIGN KEY (workspace_id, playbook_id) REFERENCES playbooks(workspace_id, id) ON DELETE CASCADE
);

CREATE TABLE remediation_steps (
  id           uuid PRIMARY KEY DEFAULT retain_uuid7(),
  workspace_id uuid NOT NULL,
  customer_id  uuid NOT NULL,
  complaint_id uuid,
  playbook_id  uuid,
  position     integer NOT NULL CHECK (position >= 1),
  kind         text NOT NULL CHECK (kind IN ('APOLOGISE','ASK_REMEDY','COMPENSATE','ESCALATE','CORRECT','CARE','ACCOUNTABILITY','CONTACT','LISTEN','PLAN','FULFIL','FIX_DEFECT','OTHER')),
  title        text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  assignee_id  uuid,
  due_at       timestamptz NOT NULL,
  status       text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING','DONE','SKIPPED')),
  skip_reason  text NOT NULL DEFAULT '' CHECK (length(skip_reason) <= 1000),
  cost         numeric(14,2) NOT NULL DEFAULT 0 CHECK (cost >= 0),
  notes        text NOT NULL DEFAULT '' CHECK (length(notes) <= 5000),
  completed_at timestamptz,
  version      integer NOT NULL DEFAULT 1,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (workspace_id, id),
  FOREIGN KEY (workspace_id, customer_id) REFERENCES customers(workspace_id, id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, complaint_id) REFERENCES complaints(workspace_id, id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, playbook_id) REFERENCES playbooks(workspace_id, id) ON DELETE SET NULL (playbook_id),
  FOREIGN KEY (workspace_id, assignee_id) REFERENCES users(workspace_id, id),
  CHECK (status <> 'SKIPPED' OR skip_reason <> '')
);
CREATE INDEX remediation_steps_customer_idx ON remediation_steps (customer_id, position);
CREATE INDEX remediation_steps_complaint_idx ON remediation_steps (complaint_id, position) WHERE complaint_id IS NOT NULL;
CREATE INDEX remediation_steps_pending_due_idx ON remediation_steps (due_at) WHERE status = 'PENDING';

CREATE TABLE stage_changes (
  id             uuid PRIMARY KEY DEFAULT retain_uuid7(),
  workspace_id   uuid NOT NULL,
  customer_id    uuid NOT NULL,
  from_stage     text,
  to_stage       text NOT NULL,
  reason         text NOT NULL DEFAULT '' CHECK (length(reason) <= 2000),
  loss_reason_id uuid,
  actor_user_id  uuid,
  actor_token_id uuid,
  occurred_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (workspace_id, id),
  FOREIGN KEY (workspace_id, customer_id) REFERENCES customers(workspace_id, id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, loss_reason_id) REFERENCES loss_reasons(workspace_id, id),
  FOREIGN KEY (workspace_id, actor_user_id) REFERENCES users(workspace_id, id),
  CHECK (to_stage <> 'LOST' OR loss_reason_id IS NOT NULL)
);
CREATE INDEX stage_changes_customer_idx ON stage_changes (customer_id, occurred_at DESC);
CREATE INDEX stage_changes_ws_time_idx ON stage_changes (workspace_id, to_stage, occurred_at);

CREATE TABLE orders (
  id           uuid PRIMARY KEY DEFAULT retain_uuid7(),
  workspace_id uuid NOT NULL,
  customer_id  uuid NOT NULL,
  external_id  text CHECK (length(external_id) BETWEEN 1 AND 100),
  kind         text NOT NULL CHECK (kind IN ('ORDER','RETURN')),
  amount       numeric(14,2) NOT NULL CHECK (amount >= 0),
  cost         numeric(14,2) NOT NULL DEFAULT 0 CHECK (cost >= 0),
  discount     numeric(14,2) NOT NULL DEFAULT 0 CHECK (discount >= 0),
  ordered_at   timestamptz NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (workspace_id, id),
  FOREIGN KEY (workspace_id, customer_id) REFERENCES customers(workspace_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX orders_external_id_key ON orders (workspace_id, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX orders_customer_time_idx ON orders (customer_id, ordered_at DESC) INCLUDE (kind, amount, cost, discount);

CREATE TABLE alerts (
  id              uuid PRIMARY KEY DEFAULT retain_uuid7(),
  workspace_id    uuid NOT NULL,
  customer_id     uuid NOT NULL,
  kind            text NOT NULL CHECK (kind IN ('ENTERED_AT_RISK','ENTERED_CRITICAL','DEADLINE_BREACHED','PROMISE_BROKEN','CRITICAL_COMPLAINT','OWNER_DEPARTED')),
  score_before    smallint NOT NULL,
  score_after     smallint NOT NULL,
  level_before    text NOT NULL,
  level_after     text NOT NULL,
  reasons         jsonb NOT NULL DEFAULT '[]'::jsonb,
  -- subject_id names what the event was about (complaint, promise) so one event alerts once.
  subject_id      uuid,
  status          text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN','ACKNOWLEDGED','RESOLVED')),
  acknowledged_by uuid,
  acknowledged_at timestamptz,
  resolved_by     uuid,
  resolved_at     timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (workspace_id, id),
  FOREIGN KEY (workspace_id, customer_id) REFERENCES customers(workspace_id, id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, acknowledged_by) REFERENCES users(workspace_id, id),
  FOREIGN KEY (workspace_id, resolved_by) REFERENCES users(workspace_id, id)
);
CREATE INDEX alerts_ws_time_idx ON alerts (workspace_id, created_at DESC, id DESC);
CREATE INDEX alerts_customer_idx ON alerts (customer_id, created_at DESC);
CREATE UNIQUE INDEX alerts_subject_key ON alerts (kind, subject_id) WHERE subject_id IS NOT NULL;

-- event_outbox holds committed alert ids and changed-risk customer ids until
-- a relay hands them to the bus, so an event survives a crash between commit
-- and publish. Writers never NOTIFY themselves, which would serialise them.
CREATE TABLE event_outbox (
  seq          bigserial PRIMARY KEY,
  workspace_id uuid NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('ALERT','RISK')),
  entity_id    uuid NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE risk_score_history (
  id           uuid PRIMARY KEY DEFAULT retain_uuid7(),
  workspace_id uuid NOT NULL,
  customer_id  uuid NOT NULL,
  score        smallint NOT NULL,
  level        text NOT NULL,
  factors      jsonb NOT NULL DEFAULT '[]'::jsonb,
  at           timestamptz NOT NULL,
  FOREIGN KEY (workspace_id, customer_id) REFERENCES customers(workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX risk_score_history_customer_idx ON risk_score_history (customer_id, at DESC);

CREATE TABLE api_tokens (
  id           uuid PRIMARY KEY DEFAULT retain_uuid7(),
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  scopes       text[] NOT NULL CHECK (cardinality(scopes) >= 1),
  created_by   uuid,
  expires_at   timestamptz NOT NULL,
  revoked_at   timestamptz,
  last_used_at timestamptz,
  created_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (workspace_id, id),
  FOREIGN KEY (workspace_id, created_by) REFERENCES users(workspace_id, id)
);

CREATE TABLE refresh_tokens (
  id           uuid PRIMARY KEY DEFAULT retain_uuid7(),
  workspace_id uuid NOT NULL,
  user_id      uuid NOT NULL,
  -- family_id links every rotation of one login; replaying a used token revokes the family.
  family_id    uuid NOT NULL,
  token_hash   bytea NOT NULL UNIQUE,
  expires_at   timestamptz NOT NULL,
  used_at      timestamptz,
  revoked_at   timestamptz,
  created_at   timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (workspace_id, user_id) REFERENCES users(workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);

-- signing_keys are the server's own JWT keys, shared by every replica; they
-- belong to the installation, not to a workspace.
CREATE TABLE signing_keys (
  kid         text PRIMARY KEY CHECK (kid ~ '^[A-Za-z0-9_-]{1,64}$'),
  private_key bytea NOT NULL,
  public_key  bytea NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  -- Only the newest unretired key signs; retired keys still verify until expired.
  retired_at  timestamptz
);

CREATE TABLE audit_log (
  id             uuid PRIMARY KEY DEFAULT retain_uuid7(),
  workspace_id   uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  actor_user_id  uuid,
  actor_token_id uuid,
  action         text NOT NULL,
  entity_type    text NOT NULL,
  entity_id      uuid,
  before         jsonb,
  after          jsonb,
  request_id     text NOT NULL DEFAULT '',
  at             timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_entity_idx ON audit_log (workspace_id, entity_type, entity_id, at DESC);
CREATE INDEX audit_log_ws_time_idx ON audit_log (workspace_id, at DESC, id DESC);

CREATE TABLE idempotency_keys (
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  key          text NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
  request_hash bytea NOT NULL,
  response     jsonb NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, key)
);
