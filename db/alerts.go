package db

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"github.com/retain-crm/retain"
)

// AlertService implements retain.AlertService.
type AlertService struct{ DB *DB }

var _ retain.AlertService = (*AlertService)(nil)

// FindAlerts lists alerts on visible customers, newest first.
func (s *AlertService) FindAlerts(ctx context.Context, f retain.AlertFilter, p retain.Page) ([]*retain.Alert, []string, bool, error) {
	a, err := actorFor(ctx, retain.ActionReadAlerts)
	if err != nil {
		return nil, nil, false, err
	}
	if p, err = p.Normalize(); err != nil {
		return nil, nil, false, err
	}
	var rows []*retain.Alert
	q := s.DB.NewSelect().Model(&rows).Where("alert.workspace_id = ?", a.WorkspaceID).
		Where("alert.customer_id IN (?)", visibleCustomerIDs(s.DB, a))
	if len(f.Statuses) > 0 {
		q = q.Where("alert.status IN (?)", bun.In(f.Statuses))
	}
	if len(f.Kinds) > 0 {
		q = q.Where("alert.kind IN (?)", bun.In(f.Kinds))
	}
	if f.CustomerID != nil {
		if !retain.ValidID(*f.CustomerID) {
			return nil, nil, false, retain.NotFound("customer")
		}
		q = q.Where("alert.customer_id = ?", *f.CustomerID)
	}
	if f.Since != nil {
		q = q.Where("alert.created_at > ?", *f.Since)
	}
	cursors, hasNext, err := newestFirst(ctx, q, &rows, p, "alert.created_at", "alert.id",
		func(al *retain.Alert) timeCursor { return timeCursor{At: al.CreatedAt, ID: al.ID} })
	return rows, cursors, hasNext, err
}

func (s *AlertService) setStatus(ctx context.Context, id string, to retain.AlertStatus) (*retain.Alert, error) {
	a, err := actorFor(ctx, retain.ActionWriteAlerts)
	if err != nil {
		return nil, err
	}
	if !retain.ValidID(id) {
		return nil, retain.NotFound("alert")
	}
	var out *retain.Alert
	err = s.DB.tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		al := new(retain.Alert)
		if err := tx.NewSelect().Model(al).Where("alert.workspace_id = ? AND alert.id = ?", a.WorkspaceID, id).
			Where("alert.customer_id IN (?)", visibleCustomerIDs(tx, a)).For("UPDATE OF alert").Scan(ctx); err != nil {
			return notFoundAs(err, "alert")
		}
		if al.Status == retain.AlertResolved || (to == retain.AlertAcknowledged && al.Status != retain.AlertOpen) {
			return retain.Invalid("id", "the alert is already %s", al.Status)
		}
		now := s.DB.now()
		before := al.Status
		al.Status = to
		if to == retain.AlertAcknowledged || al.AcknowledgedAt == nil {
			al.AcknowledgedAt, al.AcknowledgedBy = &now, &a.UserID
		}
		if to == retain.AlertResolved {
			al.ResolvedAt, al.ResolvedBy = &now, &a.UserID
		}
		if _, err := tx.NewUpdate().Model(al).Column("status", "acknowledged_at", "acknowledged_by", "resolved_at", "resolved_by").WherePK().Exec(ctx); err != nil {
			return err
		}
		out = al
		return s.DB.audit(ctx, tx, a, "alert."+string(to), "alert", al.ID, map[string]any{"status": before}, map[string]any{"status": to})
	})
	return out, err
}

// AcknowledgeAlert marks an open alert seen by the current user.
func (s *AlertService) AcknowledgeAlert(ctx context.Context, id string) (*retain.Alert, error) {
	return s.setStatus(ctx, id, retain.AlertAcknowledged)
}

// ResolveAlert closes an alert.
func (s *AlertService) ResolveAlert(ctx context.Context, id string) (*retain.Alert, error) {
	return s.setStatus(ctx, id, retain.AlertResolved)
}

// RiskHistory returns a visible customer's score changes since a time.
func (s *AlertService) RiskHistory(ctx context.Context, customerID string, since time.Time) ([]*retain.RiskPoint, error) {
	a, err := actorFor(ctx, retain.ActionReadCustomers)
	if err != nil {
		return nil, err
	}
	if _, err := findCustomer(ctx, s.DB, a, customerID, false); err != nil {
		return nil, err
	}
	var out []*retain.RiskPoint
	err = s.DB.NewSelect().TableExpr("risk_score_history").Column("score", "level", "at").
		Where("customer_id = ? AND at >= ?", customerID, since).Order("at").Limit(1000).Scan(ctx, &out)
	return out, translate(err)
}
