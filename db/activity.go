package db

import (
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"time"

	"github.com/uptrace/bun"

	"github.com/retain-crm/retain"
)

// ActivityService implements retain.ActivityService.
type ActivityService struct{ DB *DB }

var _ retain.ActivityService = (*ActivityService)(nil)

// LogInteraction records an interaction, moves the customer's last contact
// forward and rescores it, all in one transaction. It is a pipelined write
// (perf_stmt.go): two messages, one with BEGIN, the locked visibility read,
// the interaction, the last contact, the audit row and the risk signals,
// one with the score write and COMMIT.
func (s *ActivityService) LogInteraction(ctx context.Context, in retain.InteractionInput) (*retain.Interaction, error) {
	a, err := actorFor(ctx, retain.ActionWriteActivity)
	if err != nil {
		return nil, err
	}
	now := s.DB.now()
	if err := in.Validate(now); err != nil {
		return nil, err
	}
	var out *retain.Interaction
	err = s.DB.pipeline(ctx, func(ctx context.Context, t *pipeTx) error {
		var err error
		out, err = logInteraction(ctx, t, s.DB, a, in, now)
		return err
	})
	return out, err
}

// lockCustomer is findCustomer's locked read of a visible customer as a
// subquery (alias c) for a pipelined write.
func lockCustomer(db *DB, a *retain.Actor, id, columns string) *bun.SelectQuery {
	return visibleCustomers(db.NewSelect().TableExpr("customers AS c").ColumnExpr(columns).Where("c.id = ?", id), a, false).For("UPDATE OF c")
}

// lockIDs are the ids lockCustomer renders into SQL, which become the
// parameters of its prepared text (stmtText.ids): the customer, the
// workspace and the ids the visibility rule names.
func lockIDs(a *retain.Actor, customerID string) []string {
	v := retain.VisibilityOf(a)
	return []string{customerID, a.WorkspaceID, v.TeamOf, v.Member}
}

func logInteraction(ctx context.Context, t *pipeTx, db *DB, a *retain.Actor, in retain.InteractionInput, now time.Time) (*retain.Interaction, error) {
	// The id as the database prints it, as a read of the customer returns it.
	customerID, err := retain.CheckID("input.customerId", in.CustomerID)
	if err != nil {
		return nil, retain.NotFound("customer")
	}
	it := &retain.Interaction{ID: NewID(), WorkspaceID: a.WorkspaceID, CustomerID: customerID, Channel: in.Channel,
		Direction: in.Direction, OccurredAt: in.OccurredAt.UTC().Truncate(time.Microsecond), Summary: in.Summary, Sentiment: in.Sentiment,
		Competitor: in.Competitor, GiftValue: in.GiftValue, GiftFeedback: in.GiftFeedback, NextStep: in.NextStep,
		NextStepDueAt: in.NextStepDueAt, DurationMinutes: in.DurationMinutes, ExternalID: in.ExternalID, CreatedAt: now}
	if a.UserID != "" {
		it.UserID = &a.UserID
	}
	// One statement locks the customer if the actor may see it, inserts the
	// interaction for the customer it locked (none: see notVisible) and
	// moves the last contact forward. It is prepared (its values are
	// parameters): planning it cost more than running it.
	st := newStmtText(db)
	st.write("WITH c AS (", st.ids(lockCustomer(db, a, customerID, "c.id, c.owner_id").String(), lockIDs(a, customerID)...), "), i AS (")
	st.insert(it, map[string]string{"customer_id": "(SELECT c.id FROM c)"})
	st.write("), u AS (UPDATE customers SET last_contact_at = greatest(customers.last_contact_at, ", st.param(it.OccurredAt),
		") FROM c WHERE customers.id = c.id)\n")
	var signals []signalRow
	scanSignalRows := func(rows *sql.Rows) (err error) {
		signals, err = scanSignals(rows)
		return err
	}
	if in.Promise == nil {
		// The audit row is the statement's main query; the signals follow
		// in the same message.
		st.insert(db.auditEntry(ctx, a, "interaction.log", "interaction", it.ID, nil, it), nil)
		now = db.now()
		if err := t.query(ctx, scanSignalRows, t.executeText(st), t.signals(a.WorkspaceID, customerID, now)); err != nil {
			return nil, notVisible(err, "interactions")
		}
		return it, rescoreCommit(ctx, t, a.WorkspaceID, signals, now)
	}
	// A promise made during the interaction needs the customer's owner
	// (its default owner) and is audited before the interaction.
	st.write("SELECT c.owner_id::text FROM c")
	var owner string
	if err := t.query(ctx, func(rows *sql.Rows) error {
		if rows.Next() {
			return rows.Scan(&owner)
		}
		return nil
	}, t.executeText(st)); err != nil {
		return nil, notVisible(err, "interactions")
	}
	iid := it.ID
	if _, err := createPromise(ctx, t.IDB(), db, a, customerID, owner, *in.Promise, &iid); err != nil {
		return nil, err
	}
	now = db.now()
	audit := db.NewInsert().Model(db.auditEntry(ctx, a, "interaction.log", "interaction", it.ID, nil, it)).Returning("NULL").String()
	if err := t.query(ctx, scanSignalRows, audit, t.signals(a.WorkspaceID, customerID, now)); err != nil {
		return nil, err
	}
	return it, rescoreCommit(ctx, t, a.WorkspaceID, signals, now)
}

// CreatePromise records a commitment to a customer.
func (s *ActivityService) CreatePromise(ctx context.Context, in retain.PromiseInput) (*retain.Promise, error) {
	a, err := actorFor(ctx, retain.ActionWriteActivity)
	if err != nil {
		return nil, err
	}
	if err := in.Validate(s.DB.now()); err != nil {
		return nil, err
	}
	var out *retain.Promise
	err = s.DB.tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		c, err := findCustomer(ctx, tx, a, in.CustomerID, true)
		if err != nil {
			return err
		}
		if out, err = createPromise(ctx, tx, s.DB, a, c.ID, c.OwnerID, in, nil); err != nil {
			return err
		}
		return rescoreOne(ctx, tx, s.DB, a.WorkspaceID, c.ID)
	})
	return out, err
}

// createPromise records a promise to a customer (locked by the caller)
// whose owner is customerOwner.
func createPromise(ctx context.Context, tx bun.IDB, db *DB, a *retain.Actor, customerID, customerOwner string, in retain.PromiseInput, interactionID *string) (*retain.Promise, error) {
	owner := customerOwner
	if a.UserID != "" {
		owner = a.UserID
	}
	if in.OwnerID != nil {
		owner = *in.OwnerID
		if err := checkAssignee(ctx, tx, a, "input.promise.ownerId", owner); err != nil {
			return nil, err
		}
	}
	now := db.now()
	p := &retain.Promise{ID: NewID(), WorkspaceID: a.WorkspaceID, CustomerID: customerID, InteractionID: interactionID, OwnerID: owner,
		Description: in.Description, DueAt: in.DueAt.UTC().Truncate(time.Microsecond), Status: retain.PromiseOpen, Version: 1, CreatedAt: now, UpdatedAt: now}
	if _, err := tx.NewInsert().Model(p).Exec(ctx); err != nil {
		return nil, err
	}
	return p, db.audit(ctx, tx, a, "promise.create", "promise", p.ID, nil, p)
}

// findPromise loads a promise of a visible customer.
func findPromise(ctx context.Context, idb bun.IDB, a *retain.Actor, id string, lock bool) (*retain.Promise, error) {
	if !retain.ValidID(id) {
		return nil, retain.NotFound("promise")
	}
	p := new(retain.Promise)
	q := idb.NewSelect().Model(p).Where("promise.workspace_id = ? AND promise.id = ?", a.WorkspaceID, id).
		Where("promise.customer_id IN (?)", visibleCustomerIDs(idb, a))
	if lock {
		q = q.For("UPDATE OF promise")
	}
	if err := q.Scan(ctx); err != nil {
		return nil, notFoundAs(err, "promise")
	}
	return p, nil
}

// notFoundAs names the missing record in a not-found error.
func notFoundAs(err error, what string) error {
	if err = translate(err); retain.ErrorCode(err) == retain.ENOTFOUND {
		return retain.NotFound(what)
	}
	return err
}

// ResolvePromise marks an open promise kept, broken or cancelled.
func (s *ActivityService) ResolvePromise(ctx context.Context, id string, version int, status retain.PromiseStatus, note string) (*retain.Promise, error) {
	a, err := actorFor(ctx, retain.ActionWriteActivity)
	if err != nil {
		return nil, err
	}
	if status != retain.PromiseKept && status != retain.PromiseBroken && status != retain.PromiseCancelled {
		return nil, retain.Invalid("status", "a promise resolves as KEPT, BROKEN or CANCELLED")
	}
	if note, err = retain.CheckText("note", note, 0, 2000); err != nil {
		return nil, err
	}
	var out *retain.Promise
	err = s.DB.tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		p, err := findPromise(ctx, tx, a, id, true)
		if err != nil {
			return err
		}
		if p.Version != version {
			return retain.Conflict("promise")
		}
		if p.Status != retain.PromiseOpen {
			return retain.Invalid("status", "the promise is already %s", p.Status)
		}
		before := *p
		now := s.DB.now()
		p.Status, p.ResolvedAt, p.ResolutionNote, p.UpdatedAt = status, &now, note, now
		p.Version++
		if _, err := tx.NewUpdate().Model(p).Column("status", "resolved_at", "resolution_note", "version", "updated_at").WherePK().Exec(ctx); err != nil {
			return err
		}
		if status == retain.PromiseBroken {
			// A broken promise is the first cause of churn: say so at once.
			c, err := findCustomer(ctx, tx, a, p.CustomerID, false)
			if err != nil {
				return err
			}
			al := &retain.Alert{WorkspaceID: a.WorkspaceID, CustomerID: c.ID, Kind: retain.AlertPromiseBroken, SubjectID: &p.ID,
				ScoreBefore: c.RiskScore, ScoreAfter: c.RiskScore, LevelBefore: c.RiskLevel, LevelAfter: c.RiskLevel,
				Reasons: c.RiskFactors, Status: retain.AlertOpen, CreatedAt: now}
			if _, err := insertAlert(ctx, tx, al); err != nil {
				return err
			}
		}
		out = p
		if err := s.DB.audit(ctx, tx, a, "promise.resolve", "promise", p.ID, before, p); err != nil {
			return err
		}
		return rescoreOne(ctx, tx, s.DB, a.WorkspaceID, p.CustomerID)
	})
	return out, err
}

// FindPromises lists visible promises, soonest due first.
func (s *ActivityService) FindPromises(ctx context.Context, customerID *string, overdueOnly bool, p retain.Page) ([]*retain.Promise, string, bool, error) {
	a, err := actorFor(ctx, retain.ActionReadCustomers)
	if err != nil {
		return nil, "", false, err
	}
	if p, err = p.Normalize(); err != nil {
		return nil, "", false, err
	}
	var rows []*retain.Promise
	q := s.DB.NewSelect().Model(&rows).Where("promise.workspace_id = ?", a.WorkspaceID).
		Where("promise.customer_id IN (?)", visibleCustomerIDs(s.DB, a))
	if customerID != nil {
		if !retain.ValidID(*customerID) {
			return nil, "", false, retain.NotFound("customer")
		}
		q = q.Where("promise.customer_id = ?", *customerID)
	}
	if overdueOnly {
		q = q.Where("promise.status = 'OPEN' AND promise.due_at < ?", s.DB.now())
	}
	if p.After != "" {
		var cur timeCursor
		if err := decodeTimeCursor(p.After, &cur); err != nil {
			return nil, "", false, err
		}
		q = q.Where("(promise.due_at, promise.id) > (?, ?::uuid)", cur.At, cur.ID)
	}
	if err := q.Order("promise.due_at ASC", "promise.id ASC").Limit(p.First + 1).Scan(ctx); err != nil {
		return nil, "", false, translate(err)
	}
	hasNext := len(rows) > p.First
	if hasNext {
		rows = rows[:p.First]
	}
	end := ""
	if len(rows) > 0 {
		last := rows[len(rows)-1]
		end = encodeTimeCursor(timeCursor{At: last.DueAt, ID: last.ID})
	}
	return rows, end, hasNext, nil
}

// timeCursor is a keyset position on (time, id).
type timeCursor struct {
	At time.Time `json:"t"`
	ID string    `json:"i"`
}

func encodeTimeCursor(c timeCursor) string {
	b, _ := json.Marshal(c)
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeTimeCursor(s string, c *timeCursor) error {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || len(b) > 512 || json.Unmarshal(b, c) != nil || !retain.ValidID(c.ID) {
		return retain.Invalid("after", "after is not a cursor of this list")
	}
	return nil
}

// FindInteraction returns an interaction of a visible customer.
func (s *ActivityService) FindInteraction(ctx context.Context, id string) (*retain.Interaction, error) {
	a, err := actorFor(ctx, retain.ActionReadCustomers)
	if err != nil {
		return nil, err
	}
	if !retain.ValidID(id) {
		return nil, retain.NotFound("interaction")
	}
	it := new(retain.Interaction)
	err = s.DB.NewSelect().Model(it).Where("interaction.workspace_id = ? AND interaction.id = ?", a.WorkspaceID, id).
		Where("interaction.customer_id IN (?)", visibleCustomerIDs(s.DB, a)).Scan(ctx)
	if err != nil {
		return nil, notFoundAs(err, "interaction")
	}
	return it, nil
}
