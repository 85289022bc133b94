package db

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"

	"github.com/retain-crm/retain"
	"github.com/retain-crm/retain/risk"
)

// This file keeps risk scores fresh: every write that changes a signal calls
// rescore in its own transaction, and the periodic sweep (sweep.go) runs the
// same code over chunks of customers. Both gather signals with one set-based
// statement (signalsSQL), score in Go with the pure engine, and write only
// what changed in a few set-based statements, so a write costs a constant
// number of round trips and a sweep of a million customers streams.

// signalsSQL gathers every signal of a set of customers of one workspace:
// ?0 is now, ?1 the workspace; %[1]s restricts customers (alias c) and
// %[2]s child rows (alias x) to the set; %[3]s is the workspace's settings
// for a write's rescore (saving it a round trip) or NULL for the sweep,
// which loads them once; %[4]s joins the interactions' signals as i
// (sents, mentions): interactionsByChunk or interactionsPerCustomer. Each
// other child table is aggregated once per statement, grouped by customer,
// through its customer_id index, so the cost grows with the customers asked
// for, not with the tables. Times come
// as integer microseconds (exact), sums as float8 (the nearest double, as
// the Go side used to parse numerics), lists as compact text.
const signalsSQL = `
SELECT c.id::text, (extract(epoch FROM c.created_at) * 1000000)::bigint,
  (extract(epoch FROM c.last_contact_at) * 1000000)::bigint,
  c.owner_departed, c.tier, c.backup_owner_id IS NOT NULL, c.risk_score, c.risk_level, c.risk_factors::text, c.alerted_level,
  (extract(epoch FROM c.risk_updated_at) * 1000000)::bigint,
  c.relationship_type_id::text, rt.contact_cadence_days, rt.risk_weights::text,
  k.list, coalesce(p.overdue, 0), p.unalerted, coalesce(p.broken, 0),
  i.sents::text, coalesce(i.mentions, 0),
  coalesce(o.last90, 0), coalesce(o.prev90, 0), coalesce(o.sold, 0), coalesce(o.returned, 0),
  coalesce(st.overdue, 0), %[3]s
FROM customers c
JOIN relationship_types rt ON rt.id = c.relationship_type_id
LEFT JOIN (
  SELECT x.customer_id, string_agg(x.id::text || ' ' || x.severity || ' ' ||
      (extract(epoch FROM x.opened_at) * 1000000)::bigint || ' ' || (extract(epoch FROM x.response_due_at) * 1000000)::bigint || ' ' ||
      coalesce(((extract(epoch FROM x.acknowledged_at) * 1000000)::bigint)::text, '-') || ' ' ||
      CASE WHEN x.acknowledged_at IS NULL AND x.response_due_at < ?0
        AND EXISTS (SELECT 1 FROM alerts al WHERE al.kind = 'DEADLINE_BREACHED' AND al.subject_id = x.id) THEN '1' ELSE '0' END,
      ';' ORDER BY x.opened_at, x.id) AS list
  FROM complaints x
  WHERE x.workspace_id = ?1 AND %[2]s AND x.status IN ('OPEN','ACKNOWLEDGED','REMEDIATING')
  GROUP BY x.customer_id
) k ON k.customer_id = c.id
LEFT JOIN (
  SELECT x.customer_id, count(*) FILTER (WHERE x.status = 'OPEN' AND x.due_at < ?0) AS overdue,
    string_agg(x.id::text, ',' ORDER BY x.id) FILTER (WHERE x.status = 'OPEN' AND x.due_at < ?0
      AND NOT EXISTS (SELECT 1 FROM alerts al WHERE al.kind = 'PROMISE_BROKEN' AND al.subject_id = x.id)) AS unalerted,
    count(*) FILTER (WHERE x.status = 'BROKEN' AND x.resolved_at > ?0::timestamptz - interval '90 days') AS broken
  FROM promises x
  WHERE %[2]s AND (x.status = 'OPEN' OR x.resolved_at > ?0::timestamptz - interval '90 days')
  GROUP BY x.customer_id
) p ON p.customer_id = c.id
%[4]s
LEFT JOIN (
  SELECT x.customer_id,
    (sum(x.amount) FILTER (WHERE x.kind = 'ORDER' AND x.ordered_at > ?0::timestamptz - interval '90 days'))::float8 AS last90,
    (sum(x.amount) FILTER (WHERE x.kind = 'ORDER' AND x.ordered_at <= ?0::timestamptz - interval '90 days'
      AND x.ordered_at > ?0::timestamptz - interval '180 days'))::float8 AS prev90,
    (sum(x.amount) FILTER (WHERE x.kind = 'ORDER'))::float8 AS sold,
    (sum(x.amount) FILTER (WHERE x.kind = 'RETURN'))::float8 AS returned
  FROM orders x
  WHERE %[2]s AND x.ordered_at > ?0::timestamptz - interval '365 days' AND x.ordered_at <= ?0
  GROUP BY x.customer_id
) o ON o.customer_id = c.id
LEFT JOIN (
  SELECT x.customer_id, count(*) AS overdue FROM remediation_steps x
  WHERE %[2]s AND x.status = 'PENDING' AND x.due_at < ?0
  GROUP BY x.customer_id
) st ON st.customer_id = c.id
WHERE c.workspace_id = ?1 AND c.archived_at IS NULL AND %[1]s`

// customerSet says which customers a signals query covers: a list of ids,
// or the id range (After, Through] (the sweep's chunks).
type customerSet struct {
	IDs            []string
	After, Through string
}

// interactionsByChunk aggregates the interactions of a sweep's chunk (the
// id range ?2, ?3) in one pass: the chunk covers thousands of customers,
// whose interactions are read once, in index order.
const interactionsByChunk = `LEFT JOIN (
  SELECT x.customer_id,
    (array_agg(x.sentiment ORDER BY x.occurred_at DESC, x.id DESC) FILTER (WHERE x.sentiment IS NOT NULL AND x.occurred_at <= ?0))[1:6] AS sents,
    count(*) FILTER (WHERE x.competitor <> '' AND x.occurred_at > ?0::timestamptz - interval '90 days' AND x.occurred_at <= ?0) AS mentions
  FROM interactions x
  WHERE x.customer_id > ?2 AND x.customer_id <= ?3
  GROUP BY x.customer_id
) i ON i.customer_id = c.id`

// interactionsPerCustomer reads the same for a few customers (a write's
// rescore) without reading their whole history: the six latest sentiments
// from the end of interactions_customer_time_idx, the competitor mentions
// of 90 days through the partial interactions_competitor_idx. Aggregating
// every interaction instead made a write to a long-standing customer cost
// what its history costs (3 ms of a 4 ms signals read at 1,361
// interactions).
const interactionsPerCustomer = `LEFT JOIN LATERAL (
  SELECT ARRAY(SELECT x.sentiment FROM interactions x WHERE x.customer_id = c.id AND x.sentiment IS NOT NULL AND x.occurred_at <= ?0
      ORDER BY x.occurred_at DESC, x.id DESC LIMIT 6) AS sents,
    (SELECT count(*) FROM interactions x WHERE x.customer_id = c.id AND x.competitor <> ''
      AND x.occurred_at > ?0::timestamptz - interval '90 days' AND x.occurred_at <= ?0) AS mentions
) i ON TRUE`

// signalsQuery renders signalsSQL for a set; its arguments follow now and
// the workspace.
func signalsQuery(set customerSet) (string, []any) {
	if set.IDs != nil {
		return fmt.Sprintf(signalsSQL, "c.id IN (?2)", "x.customer_id IN (?2)", "(SELECT w.settings::text FROM workspaces w WHERE w.id = ?1)",
			interactionsPerCustomer), []any{bun.In(set.IDs)}
	}
	return fmt.Sprintf(signalsSQL, "c.id > ?2 AND c.id <= ?3", "x.customer_id > ?2 AND x.customer_id <= ?3", "NULL::text",
		interactionsByChunk), []any{set.After, set.Through}
}

// SignalsFloorSQL is the signals aggregation over every live customer of a
// workspace, counted inside PostgreSQL: the bare SQL a sweep cannot avoid
// (the benchmark's floor). ?0 is now, ?1 the workspace.
func SignalsFloorSQL() string {
	q, _ := signalsQuery(customerSet{})
	q = strings.ReplaceAll(q, "c.id > ?2 AND c.id <= ?3", "TRUE")
	q = strings.ReplaceAll(q, "x.customer_id > ?2 AND x.customer_id <= ?3", "TRUE")
	return "SELECT count(s.*) FROM (" + q + ") s"
}

// signalRow is one customer's signals and stored risk, as read.
type signalRow struct {
	ID            string
	CreatedAt     time.Time
	LastContactAt *time.Time
	OwnerDeparted bool
	Tier          retain.Tier
	HasBackup     bool
	RiskScore     int
	RiskLevel     retain.RiskLevel
	// RiskFactors is the stored factors as PostgreSQL prints jsonb.
	RiskFactors  string
	AlertedLevel retain.RiskLevel
	// UpdatedMicros is risk_updated_at in microseconds (-1 if never): the
	// guard against overwriting a score a concurrent write produced.
	UpdatedMicros     int64
	TypeID            string
	Cadence           int
	TypeWeights       string
	Complaints        []complaintSignal
	OverduePromises   int
	UnalertedPromises []string
	BrokenPromises90d int
	Sentiments        []int
	Mentions90d       int
	OrderLast90       float64
	OrderPrev90       float64
	Sold12m           float64
	Returned12m       float64
	OverdueSteps      int
	// Settings is the workspace's settings (writes only; see signalsSQL).
	Settings sql.NullString
}

type complaintSignal struct {
	ID          string
	Severity    string
	OpenedAt    time.Time
	DueAt       time.Time
	RespondedAt *time.Time
	Alerted     bool
}

// readSignals runs the signals query and parses its rows.
func readSignals(ctx context.Context, idb bun.IDB, workspaceID string, set customerSet, now time.Time) ([]signalRow, error) {
	q, extra := signalsQuery(set)
	rows, err := idb.QueryContext(ctx, q, append([]any{now, workspaceID}, extra...)...)
	if err != nil {
		return nil, err
	}
	return scanSignals(rows)
}

// scanSignals parses the rows of a signals query and closes them.
func scanSignals(rows *sql.Rows) ([]signalRow, error) {
	defer rows.Close()
	var out []signalRow
	var (
		lastContact, updated                    sql.NullInt64
		complaints, unalerted, sents            sql.NullString
		created                                 int64
		level, alerted, tier, factors, tweights string
		err                                     error
	)
	for rows.Next() {
		var r signalRow
		if err := rows.Scan(&r.ID, &created, &lastContact, &r.OwnerDeparted, &tier, &r.HasBackup, &r.RiskScore, &level, &factors, &alerted,
			&updated, &r.TypeID, &r.Cadence, &tweights, &complaints, &r.OverduePromises, &unalerted, &r.BrokenPromises90d,
			&sents, &r.Mentions90d, &r.OrderLast90, &r.OrderPrev90, &r.Sold12m, &r.Returned12m, &r.OverdueSteps, &r.Settings); err != nil {
			return nil, err
		}
		r.CreatedAt = time.UnixMicro(created).UTC()
		if lastContact.Valid {
			t := time.UnixMicro(lastContact.Int64).UTC()
			r.LastContactAt = &t
		}
		r.UpdatedMicros = -1
		if updated.Valid {
			r.UpdatedMicros = updated.Int64
		}
		r.Tier, r.RiskLevel, r.AlertedLevel, r.RiskFactors, r.TypeWeights = retain.Tier(tier), retain.RiskLevel(level), retain.RiskLevel(alerted), factors, tweights
		if complaints.Valid {
			if r.Complaints, err = parseComplaints(complaints.String); err != nil {
				return nil, err
			}
		}
		if unalerted.Valid && unalerted.String != "" {
			r.UnalertedPromises = strings.Split(unalerted.String, ",")
		}
		if sents.Valid {
			if r.Sentiments, err = parseIntArray(sents.String); err != nil {
				return nil, err
			}
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// parseComplaints reads "id severity opened due acknowledged|- alerted;…".
func parseComplaints(s string) ([]complaintSignal, error) {
	var out []complaintSignal
	for _, item := range strings.Split(s, ";") {
		f := strings.Fields(item)
		if len(f) != 6 {
			return nil, fmt.Errorf("risk signals: bad complaint %q", item)
		}
		opened, err1 := strconv.ParseInt(f[2], 10, 64)
		due, err2 := strconv.ParseInt(f[3], 10, 64)
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("risk signals: bad complaint %q", item)
		}
		k := complaintSignal{ID: f[0], Severity: f[1], OpenedAt: time.UnixMicro(opened).UTC(), DueAt: time.UnixMicro(due).UTC(), Alerted: f[5] == "1"}
		if f[4] != "-" {
			ack, err := strconv.ParseInt(f[4], 10, 64)
			if err != nil {
				return nil, fmt.Errorf("risk signals: bad complaint %q", item)
			}
			t := time.UnixMicro(ack).UTC()
			k.RespondedAt = &t
		}
		out = append(out, k)
	}
	return out, nil
}

// parseIntArray reads PostgreSQL's text form of an int array, "{1,-2,0}".
func parseIntArray(s string) ([]int, error) {
	s = strings.TrimSuffix(strings.TrimPrefix(s, "{"), "}")
	if s == "" {
		return nil, nil
	}
	parts := strings.Split(s, ",")
	out := make([]int, len(parts))
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil {
			return nil, fmt.Errorf("risk signals: bad sentiment %q", p)
		}
		out[i] = n
	}
	return out, nil
}

// policy is what a workspace's settings say about scoring.
type policy struct {
	weights    risk.Weights
	thresholds risk.Thresholds
	// byType caches the weights with each relationship type's overrides.
	byType map[string]risk.Weights
}

func loadPolicy(ctx context.Context, idb bun.IDB, workspaceID string) (*policy, error) {
	s, err := workspaceSettings(ctx, idb, workspaceID)
	if err != nil {
		return nil, err
	}
	return newPolicy(s), nil
}

func newPolicy(s retain.WorkspaceSettings) *policy {
	p := &policy{weights: risk.DefaultWeights().With(risk.Overrides(s.RiskWeights)), thresholds: risk.DefaultThresholds(), byType: map[string]risk.Weights{}}
	if t := s.RiskThresholds; t.Validate() == nil {
		p.thresholds = risk.Thresholds{Watch: t.Watch, AtRisk: t.AtRisk, Critical: t.Critical}
	}
	return p
}

// weightsFor returns the weights of a relationship type, parsing its
// overrides once per policy.
func (p *policy) weightsFor(typeID, overrides string) risk.Weights {
	if w, ok := p.byType[typeID]; ok {
		return w
	}
	var o retain.RiskWeights
	_ = json.Unmarshal([]byte(overrides), &o)
	w := p.weights.With(risk.Overrides(o))
	p.byType[typeID] = w
	return w
}

// rescored is the outcome of scoring one customer.
type rescored struct {
	customerID string
	changed    bool
	alerts     []*retain.Alert
}

// scoreChange is one customer's new risk, to be written.
type scoreChange struct {
	row          *signalRow
	score        int
	level        retain.RiskLevel
	factors      []retain.RiskFactor
	factorsJSON  string
	alerted      retain.RiskLevel
	scoreChanged bool
	alerts       []*retain.Alert
}

// assess scores one customer and says what has to be written: nil when
// nothing changed and no alert is due.
func assess(r *signalRow, pol *policy, now time.Time) *scoreChange {
	signals := toSignals(r, now)
	a := risk.Assess(signals, pol.weightsFor(r.TypeID, r.TypeWeights), pol.thresholds, now)
	factorsJSON := factorsText(a.Factors)
	newAlerted, raise := risk.NextAlertState(risk.Level(r.AlertedLevel), a.Score, pol.thresholds, risk.DefaultHysteresis)
	ch := &scoreChange{row: r, score: a.Score, level: retain.RiskLevel(a.Level), factorsJSON: factorsJSON, alerted: retain.RiskLevel(newAlerted)}
	ch.scoreChanged = a.Score != r.RiskScore || ch.level != r.RiskLevel || factorsJSON != r.RiskFactors
	var factors []retain.RiskFactor
	reasons := func() []retain.RiskFactor {
		if factors == nil {
			factors = toFactors(a.Factors)
		}
		return factors
	}
	base := func(kind retain.AlertKind, subject *string) *retain.Alert {
		return &retain.Alert{CustomerID: r.ID, Kind: kind, SubjectID: subject, ScoreBefore: r.RiskScore, ScoreAfter: a.Score,
			LevelBefore: r.RiskLevel, LevelAfter: ch.level, Reasons: reasons(), Status: retain.AlertOpen, CreatedAt: now}
	}
	if raise {
		kind := retain.AlertEnteredAtRisk
		if a.Level == risk.LevelCritical {
			kind = retain.AlertEnteredCritical
		}
		ch.alerts = append(ch.alerts, base(kind, nil))
	}
	for i := range r.Complaints {
		k := &r.Complaints[i]
		if k.RespondedAt == nil && now.After(k.DueAt) && !k.Alerted {
			ch.alerts = append(ch.alerts, base(retain.AlertDeadlineBreached, &k.ID))
		}
	}
	for i := range r.UnalertedPromises {
		ch.alerts = append(ch.alerts, base(retain.AlertPromiseBroken, &r.UnalertedPromises[i]))
	}
	if !ch.scoreChanged && ch.alerted == r.AlertedLevel && len(ch.alerts) == 0 {
		return nil
	}
	ch.factors = reasons()
	return ch
}

func toSignals(r *signalRow, now time.Time) risk.Signals {
	s := risk.Signals{
		LastContactAt: r.LastContactAt, CreatedAt: r.CreatedAt, ContactCadenceDays: r.Cadence,
		OverduePromises: r.OverduePromises, BrokenPromises90d: r.BrokenPromises90d,
		OrderValueLast90: r.OrderLast90, OrderValuePrev90: r.OrderPrev90,
		CompetitorMentions90d: r.Mentions90d, OwnerDeparted: r.OwnerDeparted,
		KeyAccount: r.Tier.IsKeyAccount(), HasBackupOwner: r.HasBackup, OverdueRemediationSteps: r.OverdueSteps,
	}
	// The engine only orders sentiments by time; they arrive newest first.
	for i, score := range r.Sentiments {
		s.Sentiments = append(s.Sentiments, risk.Sentiment{Score: score, At: now.Add(-time.Duration(i) * time.Second)})
	}
	if r.Sold12m > 0 {
		s.ReturnRate = min(r.Returned12m/r.Sold12m, 1)
	}
	for _, k := range r.Complaints {
		s.OpenComplaints = append(s.OpenComplaints, risk.Complaint{Severity: risk.Severity(k.Severity), OpenedAt: k.OpenedAt,
			ResponseDueAt: k.DueAt, RespondedAt: k.RespondedAt})
	}
	return s
}

func toFactors(fs []risk.Factor) []retain.RiskFactor {
	out := make([]retain.RiskFactor, len(fs))
	for i, f := range fs {
		out[i] = retain.RiskFactor{Key: f.Key, Points: f.Points, Message: string(f.Message), Params: f.Params}
	}
	return out
}

// factorsText renders factors exactly as PostgreSQL prints the jsonb they
// are stored as (keys ordered by length, then bytes; ", " and ": "), so a
// stored score compares with a new one as a plain string.
func factorsText(fs []risk.Factor) string {
	if len(fs) == 0 {
		return "[]"
	}
	var b strings.Builder
	b.WriteByte('[')
	for i, f := range fs {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(`{"key": `)
		jsonbString(&b, f.Key)
		b.WriteString(`, "params": `)
		if f.Params == nil {
			b.WriteString("null")
		} else {
			keys := make([]string, 0, len(f.Params))
			for k := range f.Params {
				keys = append(keys, k)
			}
			sort.Slice(keys, func(i, j int) bool {
				if len(keys[i]) != len(keys[j]) {
					return len(keys[i]) < len(keys[j])
				}
				return keys[i] < keys[j]
			})
			b.WriteByte('{')
			for j, k := range keys {
				if j > 0 {
					b.WriteString(", ")
				}
				jsonbString(&b, k)
				b.WriteString(": ")
				jsonbString(&b, f.Params[k])
			}
			b.WriteByte('}')
		}
		b.WriteString(`, "points": `)
		b.WriteString(strconv.Itoa(f.Points))
		b.WriteString(`, "message": `)
		jsonbString(&b, string(f.Message))
		b.WriteByte('}')
	}
	b.WriteByte(']')
	return b.String()
}

// jsonbString writes a JSON string the way PostgreSQL's escape_json does.
func jsonbString(b *strings.Builder, s string) {
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			if c < 0x20 {
				fmt.Fprintf(b, `\u%04x`, c)
			} else {
				b.WriteByte(c)
			}
		}
	}
	b.WriteByte('"')
}

// applyScoreSQL writes changed scores in one statement: the update (guarded
// so a score written concurrently since it was read is left alone), history
// for changed scores and bus events, only for the rows it updated. ?9 turns
// history on, ?10 bus events.
const applyScoreSQL = `
WITH v AS (
  SELECT * FROM unnest(?1::uuid[], ?2::int[], ?3::text[], ?4::text[], ?5::text[], ?6::bigint[], ?7::bool[], ?8::bool[], ?11::uuid[])
    AS v(id, score, level, factors, alerted, guard, history, event, history_id)
), upd AS (
  UPDATE customers c SET risk_score = v.score, risk_level = v.level, risk_factors = v.factors::jsonb,
    risk_updated_at = ?0, alerted_level = v.alerted
  FROM v WHERE c.id = v.id AND coalesce((extract(epoch FROM c.risk_updated_at) * 1000000)::bigint, -1) = v.guard
  RETURNING c.id, c.workspace_id
), h AS (
  INSERT INTO risk_score_history (id, workspace_id, customer_id, score, level, factors, at)
  SELECT v.history_id, upd.workspace_id, v.id, v.score, v.level, v.factors::jsonb, ?0 FROM v JOIN upd ON upd.id = v.id
  WHERE v.history AND ?9
), e AS (
  INSERT INTO event_outbox (workspace_id, kind, entity_id)
  SELECT upd.workspace_id, 'RISK', v.id FROM v JOIN upd ON upd.id = v.id
  WHERE v.event AND ?10
)
SELECT id::text FROM upd`

// alertsInsertCTE stores alerts (an event whose subject already alerted is
// skipped); %s is an extra condition on the rows to store.
const alertsInsertCTE = `
WITH ins AS (
  INSERT INTO alerts (id, workspace_id, customer_id, kind, score_before, score_after, level_before, level_after, reasons, subject_id, status, created_at)
  SELECT v.id, ?0, v.customer_id, v.kind, v.score_before, v.score_after, v.level_before, v.level_after, v.reasons::jsonb,
    nullif(v.subject_id, '')::uuid, 'OPEN', ?1
  FROM unnest(?2::uuid[], ?3::uuid[], ?4::text[], ?5::int[], ?6::int[], ?7::text[], ?8::text[], ?9::text[], ?10::text[])
    AS v(id, customer_id, kind, score_before, score_after, level_before, level_after, reasons, subject_id)%s
  ON CONFLICT (kind, subject_id) WHERE subject_id IS NOT NULL DO NOTHING
  RETURNING id, workspace_id
)`

// insertAlertsSQL stores alerts and queues the stored ones for the bus, in
// one statement, and returns the stored ones.
var insertAlertsSQL = fmt.Sprintf(alertsInsertCTE, "") + `, e AS (
  INSERT INTO event_outbox (workspace_id, kind, entity_id) SELECT workspace_id, 'ALERT', id FROM ins WHERE ?11
)
SELECT id::text FROM ins`

// insertAlertsCommitSQL is insertAlertsSQL for the last message of a
// pipelined write, which returns no rows. ?12 says the alerts go with a
// score update of the same message: they are stored only if that update
// happened (risk_updated_at is now ?1), as applyChanges does.
var insertAlertsCommitSQL = fmt.Sprintf(alertsInsertCTE, `
  WHERE NOT ?12 OR EXISTS (SELECT 1 FROM customers c WHERE c.id = v.customer_id AND c.risk_updated_at = ?1)`) + `
INSERT INTO event_outbox (workspace_id, kind, entity_id) SELECT workspace_id, 'ALERT', id FROM ins WHERE ?11`

// scoreOneStmt is applyScoreSQL for one customer, prepared, returning no
// rows (the last message of a pipelined write): $1 now, $2 the customer,
// $3..$6 score, level, factors, alerted level, $7 the guard, $8 history
// on, $9 a bus event, $10 the history row's id.
var scoreOneStmt = &namedStmt{name: "retain_score_one",
	types: "timestamptz, uuid, int, text, text, text, bigint, bool, bool, uuid", sql: `
WITH upd AS (
  UPDATE customers c SET risk_score = $3, risk_level = $4, risk_factors = $5::jsonb, risk_updated_at = $1, alerted_level = $6
  WHERE c.id = $2 AND coalesce((extract(epoch FROM c.risk_updated_at) * 1000000)::bigint, -1) = $7
  RETURNING c.id, c.workspace_id
), h AS (
  INSERT INTO risk_score_history (id, workspace_id, customer_id, score, level, factors, at)
  SELECT $10, upd.workspace_id, upd.id, $3, $4, $5::jsonb, $1 FROM upd WHERE $8
)
INSERT INTO event_outbox (workspace_id, kind, entity_id) SELECT upd.workspace_id, 'RISK', upd.id FROM upd WHERE $9`}

// needsUpdate reports whether a change writes the customer row (and not
// only alerts).
func (ch *scoreChange) needsUpdate() bool {
	return ch.scoreChanged || ch.alerted != ch.row.AlertedLevel
}

// applyChanges writes scores and alerts. Quiet writes no history and sends
// nothing to the bus (the seed scoring generated history). It returns the
// customers it updated and the alerts it stored.
func applyChanges(ctx context.Context, idb bun.IDB, workspaceID string, changes []*scoreChange, now time.Time, quiet bool) (map[string]bool, []*retain.Alert, error) {
	updated := map[string]bool{}
	if len(changes) == 0 {
		return updated, nil, nil
	}
	events := !quiet && alerting(ctx)
	var (
		ids, levels, factors, alerted []string
		scores                        []int
		guards                        []int64
		history, event                []bool
		historyIDs                    []string
	)
	for _, ch := range changes {
		if !ch.needsUpdate() {
			continue
		}
		ids = append(ids, ch.row.ID)
		scores = append(scores, ch.score)
		levels = append(levels, string(ch.level))
		factors = append(factors, ch.factorsJSON)
		alerted = append(alerted, string(ch.alerted))
		guards = append(guards, ch.row.UpdatedMicros)
		history = append(history, ch.score != ch.row.RiskScore)
		historyIDs = append(historyIDs, NewID())
		// A RISK event goes out when the score, level or factors changed.
		event = append(event, ch.scoreChanged)
	}
	if len(ids) > 0 {
		rows, err := idb.QueryContext(ctx, applyScoreSQL, now, pgdialect.Array(ids), pgdialect.Array(scores), pgdialect.Array(levels),
			pgdialect.Array(factors), pgdialect.Array(alerted), pgdialect.Array(guards), pgdialect.Array(history), pgdialect.Array(event),
			!quiet, events, pgdialect.Array(historyIDs))
		if err != nil {
			return nil, nil, err
		}
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, nil, err
			}
			updated[id] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, nil, err
		}
		if events {
			markQueued(ctx)
		}
	}
	var alerts []*retain.Alert
	for _, ch := range changes {
		// A level alert goes with the level it set; a customer whose update
		// lost to a concurrent write is rescored by that write instead.
		if ch.needsUpdate() && !updated[ch.row.ID] {
			continue
		}
		alerts = append(alerts, ch.alerts...)
	}
	kept, err := insertAlerts(ctx, idb, workspaceID, alerts, now, !quiet)
	return updated, kept, err
}

// insertAlerts stores alerts of one workspace and queues them for the bus;
// it returns those stored (an event already alerted is skipped).
func insertAlerts(ctx context.Context, idb bun.IDB, workspaceID string, alerts []*retain.Alert, now time.Time, publish bool) ([]*retain.Alert, error) {
	if len(alerts) == 0 || !alerting(ctx) {
		return nil, nil
	}
	rows, err := idb.QueryContext(ctx, insertAlertsSQL, alertArgs(workspaceID, alerts, now, publish)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	kept := map[string]bool{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		kept[id] = true
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if publish {
		markQueued(ctx)
	}
	var out []*retain.Alert
	for _, al := range alerts {
		if kept[al.ID] {
			out = append(out, al)
		}
	}
	return out, nil
}

// alertArgs gives new alerts their ids and returns the arguments ?0..?11 of
// insertAlertsSQL.
func alertArgs(workspaceID string, alerts []*retain.Alert, now time.Time, publish bool) []any {
	n := len(alerts)
	ids, customers, kinds, levelsBefore, levelsAfter, reasons, subjects := make([]string, n), make([]string, n), make([]string, n),
		make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	before, after := make([]int, n), make([]int, n)
	for i, al := range alerts {
		al.ID, al.WorkspaceID = NewID(), workspaceID
		if al.Reasons == nil {
			al.Reasons = []retain.RiskFactor{}
		}
		b, _ := json.Marshal(al.Reasons)
		ids[i], customers[i], kinds[i], levelsBefore[i], levelsAfter[i], reasons[i] = al.ID, al.CustomerID, string(al.Kind), string(al.LevelBefore), string(al.LevelAfter), string(b)
		before[i], after[i] = al.ScoreBefore, al.ScoreAfter
		if al.SubjectID != nil {
			subjects[i] = *al.SubjectID
		}
	}
	return []any{workspaceID, now, pgdialect.Array(ids), pgdialect.Array(customers), pgdialect.Array(kinds),
		pgdialect.Array(before), pgdialect.Array(after), pgdialect.Array(levelsBefore), pgdialect.Array(levelsAfter), pgdialect.Array(reasons),
		pgdialect.Array(subjects), publish}
}

// rescore recomputes the risk of customers of one workspace at now, writes
// changed scores with history, and raises alerts (with hysteresis for level
// changes, once per subject for events). It returns what changed.
func rescore(ctx context.Context, idb bun.IDB, workspaceID string, ids []string, now time.Time) ([]rescored, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	rows, err := readSignals(ctx, idb, workspaceID, customerSet{IDs: ids}, now)
	if err != nil {
		return nil, err
	}
	return rescoreRows(ctx, idb, workspaceID, rows, now)
}

// rescoreRows scores customers whose signals were read (with the
// workspace's settings) and writes what changed.
func rescoreRows(ctx context.Context, idb bun.IDB, workspaceID string, rows []signalRow, now time.Time) ([]rescored, error) {
	if len(rows) == 0 {
		return nil, nil
	}
	var settings retain.WorkspaceSettings
	if err := json.Unmarshal([]byte(rows[0].Settings.String), &settings); err != nil {
		return nil, err
	}
	pol := newPolicy(settings)
	out := make([]rescored, len(rows))
	var changes []*scoreChange
	for i := range rows {
		out[i].customerID = rows[i].ID
		if ch := assess(&rows[i], pol, now); ch != nil {
			changes = append(changes, ch)
		}
	}
	updated, kept, err := applyChanges(ctx, idb, workspaceID, changes, now, false)
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].changed = updated[out[i].customerID]
		for _, al := range kept {
			if al.CustomerID == out[i].customerID {
				out[i].alerts = append(out[i].alerts, al)
			}
		}
	}
	return out, nil
}

// insertAlert stores an alert and queues it for the bus in the same
// transaction. An event alert whose subject already alerted is skipped.
func insertAlert(ctx context.Context, idb bun.IDB, al *retain.Alert) (bool, error) {
	if !alerting(ctx) {
		return false, nil
	}
	if al.Reasons == nil {
		al.Reasons = []retain.RiskFactor{}
	}
	kept, err := insertAlerts(ctx, idb, al.WorkspaceID, []*retain.Alert{al}, al.CreatedAt, true)
	return len(kept) == 1, err
}

// rescoreOne is the common case: one customer after a write. It reads the
// signals through a prepared statement (perf_stmt.go).
func rescoreOne(ctx context.Context, idb bun.IDB, db *DB, workspaceID, customerID string) error {
	now := db.now()
	rows, err := readOneSignals(ctx, idb, db, workspaceID, customerID, now)
	if err != nil {
		return err
	}
	_, err = rescoreRows(ctx, idb, workspaceID, rows, now)
	return err
}

// rescoreCommit ends a pipelined write (perf_stmt.go): rows are the
// signals of its customer, read in the write's own transaction after its
// changes with the customer row locked, as rescoreOne reads them; the score
// write and the alerts go with COMMIT in the last message.
func rescoreCommit(ctx context.Context, t *pipeTx, workspaceID string, rows []signalRow, now time.Time) error {
	if len(rows) == 0 {
		return t.commit(ctx)
	}
	var settings retain.WorkspaceSettings
	if err := json.Unmarshal([]byte(rows[0].Settings.String), &settings); err != nil {
		return err
	}
	pol := newPolicy(settings)
	events := alerting(ctx)
	var stmts []string
	for i := range rows {
		ch := assess(&rows[i], pol, now)
		if ch == nil {
			continue
		}
		if ch.needsUpdate() {
			stmts = append(stmts, t.execute(scoreOneStmt, now, ch.row.ID, ch.score, string(ch.level), ch.factorsJSON, string(ch.alerted),
				ch.row.UpdatedMicros, ch.score != ch.row.RiskScore, ch.scoreChanged && events, NewID()))
			if events {
				markQueued(ctx)
			}
		}
		if len(ch.alerts) > 0 && events {
			args := append(alertArgs(workspaceID, ch.alerts, now, true), ch.needsUpdate())
			stmts = append(stmts, t.format(insertAlertsCommitSQL, args...))
			markQueued(ctx)
		}
	}
	return t.commit(ctx, stmts...)
}

// rescoreInto rescores c and copies the new risk fields into it, so a
// mutation returns the score its own write produced.
func rescoreInto(ctx context.Context, idb bun.IDB, db *DB, c *retain.Customer) error {
	if err := rescoreOne(ctx, idb, db, c.WorkspaceID, c.ID); err != nil {
		return err
	}
	var factors []byte
	if err := idb.NewSelect().TableExpr("customers").Column("risk_score", "risk_level", "risk_factors", "risk_updated_at", "alerted_level").
		Where("id = ?", c.ID).Scan(ctx, &c.RiskScore, &c.RiskLevel, &factors, &c.RiskUpdatedAt, &c.AlertedLevel); err != nil {
		return err
	}
	return json.Unmarshal(factors, &c.RiskFactors)
}

// workspaceSettings reads a workspace's policies.
func workspaceSettings(ctx context.Context, idb bun.IDB, workspaceID string) (retain.WorkspaceSettings, error) {
	var raw []byte
	var s retain.WorkspaceSettings
	if err := idb.NewSelect().TableExpr("workspaces").Column("settings").Where("id = ?", workspaceID).Scan(ctx, &raw); err != nil {
		return s, err
	}
	return s, json.Unmarshal(raw, &s)
}

// queueEvent puts an event in the outbox, in the caller's transaction.
func queueEvent(ctx context.Context, idb bun.IDB, workspaceID, kind, entityID string) error {
	if !alerting(ctx) {
		return nil
	}
	_, err := idb.ExecContext(ctx, "INSERT INTO event_outbox (workspace_id, kind, entity_id) VALUES (?, ?, ?)", workspaceID, kind, entityID)
	markQueued(ctx)
	return err
}
