package db

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"github.com/uptrace/bun"

	"github.com/retain-crm/retain"
)

// ComplaintService implements retain.ComplaintService.
type ComplaintService struct{ DB *DB }

var _ retain.ComplaintService = (*ComplaintService)(nil)

// OpenComplaint opens a complaint with its response deadline from the
// customer's relationship contract. A LOW or MEDIUM complaint is a
// pipelined write (perf_stmt.go): three messages, one with BEGIN and the
// locked visibility read joined with the contract's SLA, one with the
// complaint, its audit row and the risk signals, one with the score write
// and COMMIT. A HIGH or CRITICAL one may apply the recovery playbook, whose
// applyPlaybook takes a bun.Tx, so it keeps the classic transaction.
func (s *ComplaintService) OpenComplaint(ctx context.Context, in retain.ComplaintInput) (*retain.Complaint, error) {
	a, err := actorFor(ctx, retain.ActionWriteActivity)
	if err != nil {
		return nil, err
	}
	now := s.DB.now()
	if err := in.Validate(now); err != nil {
		return nil, err
	}
	var out *retain.Complaint
	if in.Severity == retain.SeverityHigh || in.Severity == retain.SeverityCritical {
		err = s.DB.tx(ctx, func(ctx context.Context, tx bun.Tx) error {
			var err error
			out, err = openComplaint(ctx, tx, s.DB, a, in)
			return err
		})
		return out, err
	}
	err = s.DB.pipeline(ctx, func(ctx context.Context, t *pipeTx) error {
		var err error
		out, err = openComplaintPiped(ctx, t, s.DB, a, in)
		return err
	})
	return out, err
}

func openComplaintPiped(ctx context.Context, t *pipeTx, db *DB, a *retain.Actor, in retain.ComplaintInput) (*retain.Complaint, error) {
	// The id as the database prints it, as a read of the customer returns it.
	customerID, err := retain.CheckID("input.customerId", in.CustomerID)
	if err != nil {
		return nil, retain.NotFound("customer")
	}
	var owner string
	var sla int
	found := false
	// Both statements are prepared (stmtText): planning cost more than
	// running them.
	lock := newStmtText(db)
	lock.write(lock.ids(lockCustomer(db, a, customerID, "c.owner_id::text, rt.complaint_sla_hours").
		Join("JOIN relationship_types AS rt ON rt.id = c.relationship_type_id").String(), lockIDs(a, customerID)...))
	if err := t.query(ctx, func(rows *sql.Rows) error {
		if rows.Next() {
			found = true
			return rows.Scan(&owner, &sla)
		}
		return nil
	}, t.executeText(lock)); err != nil {
		return nil, err
	}
	if !found {
		return nil, retain.NotFound("customer")
	}
	if in.OwnerID != nil {
		owner = *in.OwnerID
		if err := checkAssignee(ctx, t.IDB(), a, "input.ownerId", owner); err != nil {
			return nil, err
		}
	}
	k := newComplaint(a, in, customerID, owner, sla, db.now())
	write := newStmtText(db)
	write.write("WITH k AS (")
	write.insert(k, nil)
	write.write(")\n")
	write.insert(db.auditEntry(ctx, a, "complaint.open", "complaint", k.ID, nil, k), nil)
	var signals []signalRow
	now := db.now()
	if err := t.query(ctx, func(rows *sql.Rows) (err error) {
		signals, err = scanSignals(rows)
		return err
	}, t.executeText(write), t.signals(a.WorkspaceID, customerID, now)); err != nil {
		return nil, err
	}
	return k, rescoreCommit(ctx, t, a.WorkspaceID, signals, now)
}

// newComplaint is a new open complaint with its response deadline.
func newComplaint(a *retain.Actor, in retain.ComplaintInput, customerID, owner string, sla int, now time.Time) *retain.Complaint {
	opened := in.OpenedAt.UTC().Truncate(time.Microsecond)
	return &retain.Complaint{ID: NewID(), WorkspaceID: a.WorkspaceID, CustomerID: customerID, OwnerID: owner, Category: in.Category,
		Severity: in.Severity, Channel: in.Channel, Description: in.Description, Status: retain.ComplaintOpen,
		OpenedAt: opened, ResponseDueAt: retain.ResponseDeadline(opened, sla, in.Severity), Version: 1, CreatedAt: now, UpdatedAt: now}
}

func openComplaint(ctx context.Context, tx bun.Tx, db *DB, a *retain.Actor, in retain.ComplaintInput) (*retain.Complaint, error) {
	c, err := findCustomer(ctx, tx, a, in.CustomerID, true)
	if err != nil {
		return nil, err
	}
	owner := c.OwnerID
	if in.OwnerID != nil {
		owner = *in.OwnerID
		if err := checkAssignee(ctx, tx, a, "input.ownerId", owner); err != nil {
			return nil, err
		}
	}
	var sla int
	if err := tx.NewSelect().TableExpr("relationship_types").Column("complaint_sla_hours").Where("id = ?", c.RelationshipTypeID).Scan(ctx, &sla); err != nil {
		return nil, err
	}
	now := db.now()
	k := newComplaint(a, in, c.ID, owner, sla, now)
	if _, err := tx.NewInsert().Model(k).Exec(ctx); err != nil {
		return nil, err
	}
	if err := db.audit(ctx, tx, a, "complaint.open", "complaint", k.ID, nil, k); err != nil {
		return nil, err
	}
	if k.Severity == retain.SeverityHigh || k.Severity == retain.SeverityCritical {
		settings, err := workspaceSettings(ctx, tx, a.WorkspaceID)
		if err != nil {
			return nil, err
		}
		if settings.AutoRecoveryPlaybook {
			var pbID string
			err := tx.NewSelect().TableExpr("playbooks").Column("id").
				Where("workspace_id = ? AND purpose = 'RECOVERY'", a.WorkspaceID).OrderExpr("code = 'SERVICE_RECOVERY' DESC, created_at").Limit(1).Scan(ctx, &pbID)
			if err == nil {
				if _, err := applyPlaybook(ctx, tx, db, a, pbID, c, k); err != nil {
					return nil, err
				}
			}
		}
	}
	if k.Severity == retain.SeverityCritical {
		al := &retain.Alert{WorkspaceID: a.WorkspaceID, CustomerID: c.ID, Kind: retain.AlertCriticalComplaint, SubjectID: &k.ID,
			ScoreBefore: c.RiskScore, ScoreAfter: c.RiskScore, LevelBefore: c.RiskLevel, LevelAfter: c.RiskLevel,
			Reasons: c.RiskFactors, Status: retain.AlertOpen, CreatedAt: now}
		if _, err := insertAlert(ctx, tx, al); err != nil {
			return nil, err
		}
	}
	return k, rescoreOne(ctx, tx, db, a.WorkspaceID, c.ID)
}

// findComplaint loads a complaint of a visible customer.
func findComplaint(ctx context.Context, idb bun.IDB, a *retain.Actor, id string, lock bool) (*retain.Complaint, error) {
	if !retain.ValidID(id) {
		return nil, retain.NotFound("complaint")
	}
	k := new(retain.Complaint)
	q := idb.NewSelect().Model(k).Where("complaint.workspace_id = ? AND complaint.id = ?", a.WorkspaceID, id).
		Where("complaint.customer_id IN (?)", visibleCustomerIDs(idb, a))
	if lock {
		q = q.For("UPDATE OF complaint")
	}
	if err := q.Scan(ctx); err != nil {
		return nil, notFoundAs(err, "complaint")
	}
	return k, nil
}

// FindComplaint returns a visible complaint.
func (s *ComplaintService) FindComplaint(ctx context.Context, id string) (*retain.Complaint, error) {
	a, err := actorFor(ctx, retain.ActionReadCustomers)
	if err != nil {
		return nil, err
	}
	return findComplaint(ctx, s.DB, a, id, false)
}

// FindComplaints lists visible complaints, newest first.
func (s *ComplaintService) FindComplaints(ctx context.Context, f retain.ComplaintFilter, p retain.Page) ([]*retain.Complaint, []string, bool, error) {
	a, err := actorFor(ctx, retain.ActionReadCustomers)
	if err != nil {
		return nil, nil, false, err
	}
	if p, err = p.Normalize(); err != nil {
		return nil, nil, false, err
	}
	var rows []*retain.Complaint
	q := s.DB.NewSelect().Model(&rows).Where("complaint.workspace_id = ?", a.WorkspaceID).
		Where("complaint.customer_id IN (?)", visibleCustomerIDs(s.DB, a))
	if f.CustomerID != nil {
		if !retain.ValidID(*f.CustomerID) {
			return nil, nil, false, retain.NotFound("customer")
		}
		q = q.Where("complaint.customer_id = ?", *f.CustomerID)
	}
	if f.OwnerID != nil {
		if !retain.ValidID(*f.OwnerID) {
			return nil, nil, false, retain.Invalid("filter.ownerId", "not a valid id")
		}
		q = q.Where("complaint.owner_id = ?", *f.OwnerID)
	}
	if len(f.Statuses) > 0 {
		q = q.Where("complaint.status IN (?)", bun.In(f.Statuses))
	}
	if len(f.Severities) > 0 {
		q = q.Where("complaint.severity IN (?)", bun.In(f.Severities))
	}
	if f.Breached != nil {
		cond := "(complaint.acknowledged_at > complaint.response_due_at OR (complaint.acknowledged_at IS NULL AND complaint.response_due_at < ?))"
		if !*f.Breached {
			cond = "NOT " + cond
		}
		q = q.Where(cond, s.DB.now())
	}
	cursors, hasNext, err := newestFirst(ctx, q, &rows, p, "complaint.opened_at", "complaint.id",
		func(k *retain.Complaint) timeCursor { return timeCursor{At: k.OpenedAt, ID: k.ID} })
	return rows, cursors, hasNext, err
}

// TransitionComplaint moves a complaint through its state machine.
func (s *ComplaintService) TransitionComplaint(ctx context.Context, id string, t retain.ComplaintTransition) (*retain.Complaint, error) {
	a, err := actorFor(ctx, retain.ActionWriteActivity)
	if err != nil {
		return nil, err
	}
	if t.RootCause, err = retain.CheckText("input.rootCause", t.RootCause, 0, 5000); err != nil {
		return nil, err
	}
	if t.PreventionAction, err = retain.CheckText("input.preventionAction", t.PreventionAction, 0, 5000); err != nil {
		return nil, err
	}
	if t.Note, err = retain.CheckText("input.note", t.Note, 0, 2000); err != nil {
		return nil, err
	}
	if t.Satisfaction != nil && (*t.Satisfaction < 1 || *t.Satisfaction > 5) {
		return nil, retain.Invalid("input.satisfaction", "satisfaction must be between 1 and 5")
	}
	var out *retain.Complaint
	err = s.DB.tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		k, err := findComplaint(ctx, tx, a, id, true)
		if err != nil {
			return err
		}
		if k.Version != t.Version {
			return retain.Conflict("complaint")
		}
		if !k.Status.CanTransition(t.To) {
			return retain.Invalid("input.to", "a complaint cannot move from %s to %s", k.Status, t.To)
		}
		// Satisfaction is the customer's rating after resolution; taken on
		// any other move it would reach the customer but not the complaint.
		if t.Satisfaction != nil && t.To != retain.ComplaintResolved && t.To != retain.ComplaintClosed {
			return retain.Invalid("input.satisfaction", "satisfaction is recorded when resolving or closing")
		}
		before := *k
		now := s.DB.now()
		// The cause is often known before the complaint can be closed; take
		// it on any move so closing later finds it on the complaint.
		if t.RootCause != "" {
			k.RootCause = t.RootCause
		}
		if t.PreventionAction != "" {
			k.PreventionAction = t.PreventionAction
		}
		switch t.To {
		case retain.ComplaintAcknowledged, retain.ComplaintRemediating:
			if k.AcknowledgedAt == nil {
				k.AcknowledgedAt = &now
			}
		case retain.ComplaintResolved:
			k.ResolvedAt = &now
			if t.Satisfaction != nil {
				k.Satisfaction = t.Satisfaction
			}
		case retain.ComplaintClosed:
			if k.RootCause == "" {
				return retain.Invalid("input.rootCause", "closing a complaint requires its root cause")
			}
			if k.PreventionAction == "" {
				return retain.Invalid("input.preventionAction", "closing a complaint requires a prevention action")
			}
			if t.Satisfaction != nil {
				k.Satisfaction = t.Satisfaction
			}
			k.ClosedAt = &now
		case retain.ComplaintOpen:
			// Reopening restarts the clock: the customer is waiting again.
			var sla int
			if err := tx.NewSelect().TableExpr("customers AS c").Join("JOIN relationship_types rt ON rt.id = c.relationship_type_id").
				ColumnExpr("rt.complaint_sla_hours").Where("c.id = ?", k.CustomerID).Scan(ctx, &sla); err != nil {
				return err
			}
			k.ReopenCount++
			k.AcknowledgedAt, k.ResolvedAt, k.ClosedAt = nil, nil, nil
			k.OpenedAt = now
			k.ResponseDueAt = retain.ResponseDeadline(now, sla, k.Severity)
		}
		k.Status, k.UpdatedAt = t.To, now
		k.Version++
		if _, err := tx.NewUpdate().Model(k).WherePK().ExcludeColumn("id", "workspace_id", "customer_id", "created_at").Exec(ctx); err != nil {
			return err
		}
		out = k
		// The note explains the move; it lives with the move in the audit log.
		after := map[string]any{}
		if b, err := json.Marshal(k); err == nil {
			_ = json.Unmarshal(b, &after)
		}
		after["Note"] = t.Note
		if err := s.DB.audit(ctx, tx, a, "complaint.transition", "complaint", k.ID, before, after); err != nil {
			return err
		}
		if t.Satisfaction != nil {
			if _, err := tx.NewUpdate().TableExpr("customers").Set("satisfaction = ?", *t.Satisfaction).Where("id = ?", k.CustomerID).Exec(ctx); err != nil {
				return err
			}
		}
		return rescoreOne(ctx, tx, s.DB, a.WorkspaceID, k.CustomerID)
	})
	return out, err
}

// EscalateComplaint hands a complaint to a manager: the one given, else the
// owner's manager.
func (s *ComplaintService) EscalateComplaint(ctx context.Context, id string, version int, managerID *string, note string) (*retain.Complaint, error) {
	a, err := actorFor(ctx, retain.ActionWriteActivity)
	if err != nil {
		return nil, err
	}
	if note, err = retain.CheckText("note", note, 0, 2000); err != nil {
		return nil, err
	}
	var out *retain.Complaint
	err = s.DB.tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		k, err := findComplaint(ctx, tx, a, id, true)
		if err != nil {
			return err
		}
		if k.Version != version {
			return retain.Conflict("complaint")
		}
		if !k.Status.IsOpen() {
			return retain.Invalid("id", "only open complaints can be escalated")
		}
		target := ""
		if managerID != nil {
			target = *managerID
		} else {
			var mid *string
			if err := tx.NewSelect().TableExpr("users").Column("manager_id").Where("id = ?", k.OwnerID).Scan(ctx, &mid); err != nil {
				return err
			}
			if mid == nil {
				return retain.Invalid("managerId", "the owner has no manager; name one")
			}
			target = *mid
		}
		if err := checkManager(ctx, tx, a.WorkspaceID, "managerId", target); err != nil {
			return err
		}
		now := s.DB.now()
		// A complaint may be escalated again; the audit keeps who had it before.
		before := map[string]any{"escalatedToId": k.EscalatedToID, "escalatedAt": k.EscalatedAt}
		k.EscalatedToID, k.EscalatedAt, k.UpdatedAt = &target, &now, now
		k.Version++
		if _, err := tx.NewUpdate().Model(k).Column("escalated_to_id", "escalated_at", "updated_at", "version").WherePK().Exec(ctx); err != nil {
			return err
		}
		out = k
		return s.DB.audit(ctx, tx, a, "complaint.escalate", "complaint", k.ID, before, map[string]any{"to": target, "note": note})
	})
	return out, err
}
