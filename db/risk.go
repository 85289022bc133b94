package db

import (
	"context"
	"encoding/json"
	"time"

	"github.com/uptrace/bun"

	"github.com/retain-crm/retain"
	"github.com/retain-crm/retain/risk"
)

// This file keeps risk scores fresh: every write that changes a signal calls
// rescore in its own transaction, and the periodic sweep calls it for
// customers whose signals time alone may have changed.

// signalRow is one customer's signals, gathered in a single statement.
type signalRow struct {
	ID                    string
	WorkspaceID           string
	CreatedAt             time.Time
	LastContactAt         *time.Time
	OwnerDeparted         bool
	Tier                  retain.Tier
	HasBackup             bool
	RiskScore             int
	RiskLevel             retain.RiskLevel
	RiskFactors           json.RawMessage
	AlertedLevel          retain.RiskLevel
	Cadence               int
	TypeWeights           retain.RiskWeights `bun:",type:jsonb"`
	Complaints            json.RawMessage
	OverduePromises       int
	UnalertedPromises     []string `bun:",array"`
	BrokenPromises90d     int
	Sentiments            json.RawMessage
	OrderLast90           float64
	OrderPrev90           float64
	Sold12m               float64
	Returned12m           float64
	CompetitorMentions90d int
	OverdueSteps          int
}

// signalsSQL gathers every signal of the given customers. Each lateral
// subquery reads through an index on customer_id, so the cost grows with
// the customers asked for, not with the tables.
const signalsSQL = `
SELECT c.id, c.workspace_id, c.created_at, c.last_contact_at, c.owner_departed, c.tier,
  c.backup_owner_id IS NOT NULL AS has_backup, c.risk_score, c.risk_level, c.risk_factors, c.alerted_level,
  rt.contact_cadence_days AS cadence, rt.risk_weights AS type_weights,
  coalesce(k.list, '[]') AS complaints, coalesce(p.overdue, 0) AS overdue_promises, coalesce(p.unalerted, '{}') AS unalerted_promises, coalesce(p.broken, 0) AS broken_promises90d,
  coalesce(s.list, '[]') AS sentiments, coalesce(o.last90, 0) AS order_last90, coalesce(o.prev90, 0) AS order_prev90,
  coalesce(o.sold, 0) AS sold12m, coalesce(o.returned, 0) AS returned12m,
  coalesce(m.mentions, 0) AS competitor_mentions90d, coalesce(st.overdue, 0) AS overdue_steps
FROM customers c
JOIN relationship_types rt ON rt.id = c.relationship_type_id
LEFT JOIN LATERAL (
  SELECT json_agg(json_build_object('id', x.id, 'severity', x.severity, 'openedAt', x.opened_at,
    'dueAt', x.response_due_at, 'respondedAt', x.acknowledged_at,
    'alerted', EXISTS (SELECT 1 FROM alerts al WHERE al.kind = 'DEADLINE_BREACHED' AND al.subject_id = x.id))) AS list
  FROM complaints x WHERE x.customer_id = c.id AND x.status IN ('OPEN','ACKNOWLEDGED','REMEDIATING')
) k ON true
LEFT JOIN LATERAL (
  SELECT count(*) FILTER (WHERE x.status = 'OPEN' AND x.due_at < ?1) AS overdue,
    array_agg(x.id::text) FILTER (WHERE x.status = 'OPEN' AND x.due_at < ?1
      AND NOT EXISTS (SELECT 1 FROM alerts al WHERE al.kind = 'PROMISE_BROKEN' AND al.subject_id = x.id)) AS unalerted,
    count(*) FILTER (WHERE x.status = 'BROKEN' AND x.resolved_at > ?1::timestamptz - interval '90 days') AS broken
  FROM promises x WHERE x.customer_id = c.id AND (x.status = 'OPEN' OR x.resolved_at > ?1::timestamptz - interval '90 days')
) p ON true
LEFT JOIN LATERAL (
  SELECT json_agg(json_build_object('score', y.sentiment, 'at', y.occurred_at)) AS list FROM (
    SELECT x.sentiment, x.occurred_at FROM interactions x
    WHERE x.customer_id = c.id AND x.sentiment IS NOT NULL AND x.occurred_at <= ?1
    ORDER BY x.occurred_at DESC LIMIT 6) y
) s ON true
LEFT JOIN LATERAL (
  SELECT sum(x.amount) FILTER (WHERE x.kind = 'ORDER' AND x.ordered_at > ?1::timestamptz - interval '90 days') AS last90,
    sum(x.amount) FILTER (WHERE x.kind = 'ORDER' AND x.ordered_at <= ?1::timestamptz - interval '90 days' AND x.ordered_at > ?1::timestamptz - interval '180 days') AS prev90,
    sum(x.amount) FILTER (WHERE x.kind = 'ORDER') AS sold,
    sum(x.amount) FILTER (WHERE x.kind = 'RETURN') AS returned
  FROM orders x WHERE x.customer_id = c.id AND x.ordered_at > ?1::timestamptz - interval '365 days' AND x.ordered_at <= ?1
) o ON true
LEFT JOIN LATERAL (
  SELECT count(*) AS mentions FROM interactions x
  WHERE x.customer_id = c.id AND x.competitor <> '' AND x.occurred_at > ?1::timestamptz - interval '90 days' AND x.occurred_at <= ?1
) m ON true
LEFT JOIN LATERAL (
  SELECT count(*) AS overdue FROM remediation_steps x WHERE x.customer_id = c.id AND x.status = 'PENDING' AND x.due_at < ?1
) st ON true
WHERE c.id IN (?0) AND c.archived_at IS NULL`

type complaintSignal struct {
	ID          string     `json:"id"`
	Severity    string     `json:"severity"`
	OpenedAt    time.Time  `json:"openedAt"`
	DueAt       time.Time  `json:"dueAt"`
	RespondedAt *time.Time `json:"respondedAt"`
	Alerted     bool       `json:"alerted"`
}

// policy is what a workspace's settings say about scoring.
type policy struct {
	weights    risk.Weights
	thresholds risk.Thresholds
}

func loadPolicy(ctx context.Context, idb bun.IDB, workspaceID string) (policy, error) {
	s, err := workspaceSettings(ctx, idb, workspaceID)
	if err != nil {
		return policy{}, err
	}
	p := policy{weights: risk.DefaultWeights().With(risk.Overrides(s.RiskWeights)), thresholds: risk.DefaultThresholds()}
	if t := s.RiskThresholds; t.Validate() == nil {
		p.thresholds = risk.Thresholds{Watch: t.Watch, AtRisk: t.AtRisk, Critical: t.Critical}
	}
	return p, nil
}

// rescored is the outcome of scoring one customer.
type rescored struct {
	customerID string
	changed    bool
	alerts     []*retain.Alert
}

// rescore recomputes the risk of customers of one workspace at now, writes
// changed scores with history, and raises alerts (with hysteresis for level
// changes, once per subject for events). It returns what changed.
func rescore(ctx context.Context, idb bun.IDB, workspaceID string, ids []string, now time.Time) ([]rescored, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	pol, err := loadPolicy(ctx, idb, workspaceID)
	if err != nil {
		return nil, err
	}
	var rows []signalRow
	if err := idb.NewRaw(signalsSQL, bun.In(ids), now).Scan(ctx, &rows); err != nil {
		return nil, err
	}
	out := make([]rescored, 0, len(rows))
	for i := range rows {
		r, err := applyAssessment(ctx, idb, &rows[i], pol, now)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

func toSignals(r *signalRow) (risk.Signals, []complaintSignal) {
	var complaints []complaintSignal
	_ = json.Unmarshal(r.Complaints, &complaints)
	var sentiments []risk.Sentiment
	var raw []struct {
		Score int       `json:"score"`
		At    time.Time `json:"at"`
	}
	_ = json.Unmarshal(r.Sentiments, &raw)
	for _, s := range raw {
		sentiments = append(sentiments, risk.Sentiment{Score: s.Score, At: s.At})
	}
	s := risk.Signals{
		LastContactAt: r.LastContactAt, CreatedAt: r.CreatedAt, ContactCadenceDays: r.Cadence,
		OverduePromises: r.OverduePromises, BrokenPromises90d: r.BrokenPromises90d, Sentiments: sentiments,
		OrderValueLast90: r.OrderLast90, OrderValuePrev90: r.OrderPrev90,
		CompetitorMentions90d: r.CompetitorMentions90d, OwnerDeparted: r.OwnerDeparted,
		KeyAccount: r.Tier.IsKeyAccount(), HasBackupOwner: r.HasBackup, OverdueRemediationSteps: r.OverdueSteps,
	}
	if r.Sold12m > 0 {
		s.ReturnRate = min(r.Returned12m/r.Sold12m, 1)
	}
	for _, k := range complaints {
		s.OpenComplaints = append(s.OpenComplaints, risk.Complaint{Severity: risk.Severity(k.Severity), OpenedAt: k.OpenedAt,
			ResponseDueAt: k.DueAt, RespondedAt: k.RespondedAt})
	}
	return s, complaints
}

func toFactors(fs []risk.Factor) []retain.RiskFactor {
	out := make([]retain.RiskFactor, len(fs))
	for i, f := range fs {
		out[i] = retain.RiskFactor{Key: f.Key, Points: f.Points, Message: string(f.Message), Params: f.Params}
	}
	return out
}

func applyAssessment(ctx context.Context, idb bun.IDB, r *signalRow, pol policy, now time.Time) (rescored, error) {
	signals, complaints := toSignals(r)
	res := rescored{customerID: r.ID}
	a := risk.Assess(signals, pol.weights.With(risk.Overrides(r.TypeWeights)), pol.thresholds, now)
	factors := toFactors(a.Factors)
	factorJSON, _ := json.Marshal(factors)
	newAlerted, raise := risk.NextAlertState(risk.Level(r.AlertedLevel), a.Score, pol.thresholds, risk.DefaultHysteresis)
	scoreChanged := a.Score != r.RiskScore || retain.RiskLevel(a.Level) != r.RiskLevel || !jsonEqual(factorJSON, r.RiskFactors)
	if scoreChanged || retain.RiskLevel(newAlerted) != r.AlertedLevel {
		res.changed = true
		if _, err := idb.NewUpdate().TableExpr("customers").
			Set("risk_score = ?, risk_level = ?, risk_factors = ?, risk_updated_at = ?, alerted_level = ?",
				a.Score, string(a.Level), string(factorJSON), now, string(newAlerted)).
			Where("id = ?", r.ID).Exec(ctx); err != nil {
			return res, err
		}
	}
	if a.Score != r.RiskScore {
		if _, err := idb.ExecContext(ctx, `INSERT INTO risk_score_history (id, workspace_id, customer_id, score, level, factors, at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, NewID(), r.WorkspaceID, r.ID, a.Score, string(a.Level), string(factorJSON), now); err != nil {
			return res, err
		}
	}
	if scoreChanged {
		if err := queueEvent(ctx, idb, r.WorkspaceID, "RISK", r.ID); err != nil {
			return res, err
		}
	}
	base := retain.Alert{WorkspaceID: r.WorkspaceID, CustomerID: r.ID, ScoreBefore: r.RiskScore, ScoreAfter: a.Score,
		LevelBefore: r.RiskLevel, LevelAfter: retain.RiskLevel(a.Level), Reasons: factors, Status: retain.AlertOpen, CreatedAt: now}
	if raise {
		al := base
		al.Kind = retain.AlertEnteredAtRisk
		if a.Level == risk.LevelCritical {
			al.Kind = retain.AlertEnteredCritical
		}
		res.alerts = append(res.alerts, &al)
	}
	for _, k := range complaints {
		if k.RespondedAt == nil && now.After(k.DueAt) && !k.Alerted {
			al := base
			al.Kind, al.SubjectID = retain.AlertDeadlineBreached, &k.ID
			res.alerts = append(res.alerts, &al)
		}
	}
	for _, id := range r.UnalertedPromises {
		al := base
		al.Kind, al.SubjectID = retain.AlertPromiseBroken, &id
		res.alerts = append(res.alerts, &al)
	}
	kept := res.alerts[:0]
	for _, al := range res.alerts {
		ok, err := insertAlert(ctx, idb, al)
		if err != nil {
			return res, err
		}
		if ok {
			kept = append(kept, al)
		}
	}
	res.alerts = kept
	return res, nil
}

func jsonEqual(a, b []byte) bool {
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	xa, _ := json.Marshal(x)
	ya, _ := json.Marshal(y)
	return string(xa) == string(ya)
}

// insertAlert stores an alert and queues it for the bus in the same
// transaction. An event alert whose subject already alerted is skipped.
func insertAlert(ctx context.Context, idb bun.IDB, al *retain.Alert) (bool, error) {
	al.ID = NewID()
	if al.Reasons == nil {
		al.Reasons = []retain.RiskFactor{}
	}
	res, err := idb.NewInsert().Model(al).On("CONFLICT (kind, subject_id) WHERE subject_id IS NOT NULL DO NOTHING").Exec(ctx)
	if err != nil {
		return false, err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return false, nil
	}
	return true, queueEvent(ctx, idb, al.WorkspaceID, "ALERT", al.ID)
}

// rescoreOne is the common case: one customer after a write.
func rescoreOne(ctx context.Context, idb bun.IDB, db *DB, workspaceID, customerID string) error {
	_, err := rescore(ctx, idb, workspaceID, []string{customerID}, db.now())
	return err
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
	_, err := idb.ExecContext(ctx, "INSERT INTO event_outbox (workspace_id, kind, entity_id) VALUES (?, ?, ?)", workspaceID, kind, entityID)
	markQueued(ctx)
	return err
}
