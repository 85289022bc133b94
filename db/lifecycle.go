package db

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"github.com/retain-crm/retain"
)

// LifecycleService implements retain.LifecycleService.
type LifecycleService struct{ DB *DB }

var _ retain.LifecycleService = (*LifecycleService)(nil)

// ChangeStage moves a customer to another stage, recording why and who.
func (s *LifecycleService) ChangeStage(ctx context.Context, in retain.StageChangeInput) (*retain.Customer, error) {
	a, err := actorFor(ctx, retain.ActionWriteCustomers)
	if err != nil {
		return nil, err
	}
	if in.Reason, err = retain.CheckText("input.reason", in.Reason, 0, 2000); err != nil {
		return nil, err
	}
	var out *retain.Customer
	err = s.DB.tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		c, err := findCustomer(ctx, tx, a, in.CustomerID, true)
		if err != nil {
			return err
		}
		if c.Version != in.Version {
			return retain.Conflict("customer")
		}
		if !c.Stage.CanMoveTo(in.To) {
			return retain.Invalid("input.to", "a customer cannot move from %s to %s", c.Stage, in.To)
		}
		if in.To == retain.StageLost {
			if in.LossReasonID == nil || !retain.ValidID(*in.LossReasonID) {
				return retain.Invalid("input.lossReasonId", "moving a customer to lost requires a loss reason")
			}
			ok, err := tx.NewSelect().TableExpr("loss_reasons").Where("workspace_id = ? AND id = ? AND active", a.WorkspaceID, *in.LossReasonID).Exists(ctx)
			if err != nil {
				return err
			}
			if !ok {
				return retain.Invalid("input.lossReasonId", "no active loss reason has this id")
			}
		} else if in.LossReasonID != nil {
			return retain.Invalid("input.lossReasonId", "a loss reason is only for moving to lost")
		}
		from := c.Stage
		now := s.DB.now()
		c.Stage, c.UpdatedAt = in.To, now
		c.Version++
		if _, err := tx.NewUpdate().TableExpr("customers").Set("stage = ?, version = ?, updated_at = ?", c.Stage, c.Version, now).
			Where("id = ?", c.ID).Exec(ctx); err != nil {
			return err
		}
		if err := recordStageChange(ctx, tx, s.DB, a, c.ID, &from, in.To, in.Reason, in.LossReasonID); err != nil {
			return err
		}
		if in.To == retain.StageLost && in.StartWinBack {
			var pbID string
			if err := tx.NewSelect().TableExpr("playbooks").Column("id").Where("workspace_id = ? AND purpose = 'WIN_BACK'", a.WorkspaceID).
				OrderExpr("code = 'WIN_BACK' DESC, created_at").Limit(1).Scan(ctx, &pbID); err == nil {
				if _, err := applyPlaybook(ctx, tx, s.DB, a, pbID, c, nil); err != nil {
					return err
				}
			}
		}
		out = c
		return s.DB.audit(ctx, tx, a, "customer.stage", "customer", c.ID, map[string]any{"stage": from},
			map[string]any{"stage": in.To, "reason": in.Reason, "lossReasonId": in.LossReasonID})
	})
	return out, err
}

// FindLossReasons lists the workspace's loss reasons.
func (s *LifecycleService) FindLossReasons(ctx context.Context, includeInactive bool) ([]*retain.LossReason, error) {
	a, err := actorFor(ctx, retain.ActionReadCustomers)
	if err != nil {
		return nil, err
	}
	var out []*retain.LossReason
	q := s.DB.NewSelect().Model(&out).Where("workspace_id = ?", a.WorkspaceID).Order("label")
	if !includeInactive {
		q = q.Where("active")
	}
	return out, translate(q.Scan(ctx))
}

// CreateLossReason adds a reason to the workspace's list.
func (s *LifecycleService) CreateLossReason(ctx context.Context, code, label string) (*retain.LossReason, error) {
	a, err := actorFor(ctx, retain.ActionManageContracts)
	if err != nil {
		return nil, err
	}
	if code, err = retain.CheckText("input.code", code, 1, 50); err != nil {
		return nil, err
	}
	if !lossCode(code) {
		return nil, retain.Invalid("input.code", "use capital letters, digits and underscores, starting with a letter")
	}
	if label, err = retain.CheckText("input.label", label, 1, 200); err != nil {
		return nil, err
	}
	lr := &retain.LossReason{ID: NewID(), WorkspaceID: a.WorkspaceID, Code: code, Label: label, Active: true, CreatedAt: s.DB.now()}
	err = s.DB.tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewInsert().Model(lr).Exec(ctx); err != nil {
			return err
		}
		return s.DB.audit(ctx, tx, a, "lossReason.create", "loss_reason", lr.ID, nil, lr)
	})
	if err != nil {
		return nil, err
	}
	return lr, nil
}

func lossCode(s string) bool {
	for i, r := range s {
		if !(r >= 'A' && r <= 'Z' || (i > 0 && (r >= '0' && r <= '9' || r == '_'))) {
			return false
		}
	}
	return s != ""
}

// UpdateLossReason relabels or (de)activates a loss reason.
func (s *LifecycleService) UpdateLossReason(ctx context.Context, id string, label *string, active *bool) (*retain.LossReason, error) {
	a, err := actorFor(ctx, retain.ActionManageContracts)
	if err != nil {
		return nil, err
	}
	var out *retain.LossReason
	err = s.DB.tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		lr := new(retain.LossReason)
		if !retain.ValidID(id) {
			return retain.NotFound("loss reason")
		}
		if err := tx.NewSelect().Model(lr).Where("workspace_id = ? AND id = ?", a.WorkspaceID, id).For("UPDATE").Scan(ctx); err != nil {
			return notFoundAs(err, "loss reason")
		}
		before := *lr
		if label != nil {
			if lr.Label, err = retain.CheckText("input.label", *label, 1, 200); err != nil {
				return err
			}
		}
		if active != nil {
			lr.Active = *active
		}
		if _, err := tx.NewUpdate().Model(lr).Column("label", "active").WherePK().Exec(ctx); err != nil {
			return err
		}
		out = lr
		return s.DB.audit(ctx, tx, a, "lossReason.update", "loss_reason", lr.ID, before, lr)
	})
	return out, err
}

// LossReasonAnalysis counts why visible customers were lost in [from, to).
func (s *LifecycleService) LossReasonAnalysis(ctx context.Context, from, to time.Time) ([]*retain.LossReasonCount, error) {
	a, err := actorFor(ctx, retain.ActionReadCustomers)
	if err != nil {
		return nil, err
	}
	if !from.Before(to) || to.Sub(from) > 10*366*24*time.Hour {
		return nil, retain.Invalid("to", "the period must be positive and at most 10 years")
	}
	var rows []struct {
		retain.LossReason
		N int
	}
	err = s.DB.NewSelect().TableExpr("stage_changes AS sc").Join("JOIN loss_reasons AS lr ON lr.id = sc.loss_reason_id").
		ColumnExpr("lr.id, lr.workspace_id, lr.code, lr.label, lr.active, lr.created_at, count(*) AS n").
		Where("sc.workspace_id = ? AND sc.to_stage = 'LOST' AND sc.occurred_at >= ? AND sc.occurred_at < ?", a.WorkspaceID, from, to).
		Where("sc.customer_id IN (?)", visibleCustomerIDs(s.DB, a)).
		GroupExpr("lr.id").OrderExpr("n DESC, lr.label").Scan(ctx, &rows)
	if err != nil {
		return nil, translate(err)
	}
	out := make([]*retain.LossReasonCount, len(rows))
	for i := range rows {
		lr := rows[i].LossReason
		out[i] = &retain.LossReasonCount{Reason: &lr, Count: rows[i].N}
	}
	return out, nil
}

// WinBackList lists visible lost customers, most recently lost first, with
// their loss reason and win-back progress.
func (s *LifecycleService) WinBackList(ctx context.Context, p retain.Page) ([]*retain.WinBackEntry, []string, bool, error) {
	a, err := actorFor(ctx, retain.ActionReadCustomers)
	if err != nil {
		return nil, nil, false, err
	}
	if p, err = p.Normalize(); err != nil {
		return nil, nil, false, err
	}
	type row struct {
		retain.Customer
		LostAt       time.Time
		LossReasonID *string
		StepsTotal   int
		StepsDone    int
	}
	var rows []row
	q := visibleCustomers(s.DB.NewSelect().TableExpr("customers AS c"), a, false).ColumnExpr("c.*").
		ColumnExpr("l.occurred_at AS lost_at, l.loss_reason_id").
		ColumnExpr("(SELECT count(*) FROM remediation_steps x WHERE x.customer_id = c.id AND x.complaint_id IS NULL) AS steps_total").
		ColumnExpr("(SELECT count(*) FROM remediation_steps x WHERE x.customer_id = c.id AND x.complaint_id IS NULL AND x.status <> 'PENDING') AS steps_done").
		Join(`JOIN LATERAL (SELECT sc.occurred_at, sc.loss_reason_id FROM stage_changes sc
			WHERE sc.customer_id = c.id AND sc.to_stage = 'LOST' ORDER BY sc.occurred_at DESC LIMIT 1) l ON true`).
		Where("c.stage = 'LOST'")
	if p.After != "" {
		var cur timeCursor
		if err := decodeTimeCursor(p.After, &cur); err != nil {
			return nil, nil, false, err
		}
		q = q.Where("(l.occurred_at, c.id) < (?, ?::uuid)", cur.At, cur.ID)
	}
	if err := q.OrderExpr("l.occurred_at DESC, c.id DESC").Limit(p.First+1).Scan(ctx, &rows); err != nil {
		return nil, nil, false, translate(err)
	}
	hasNext := len(rows) > p.First
	if hasNext {
		rows = rows[:p.First]
	}
	reasons, err := s.FindLossReasons(ctx, true)
	if err != nil {
		return nil, nil, false, err
	}
	byID := map[string]*retain.LossReason{}
	for _, r := range reasons {
		byID[r.ID] = r
	}
	out := make([]*retain.WinBackEntry, len(rows))
	cursors := make([]string, len(rows))
	for i := range rows {
		c := rows[i].Customer
		e := &retain.WinBackEntry{Customer: &c, LostAt: rows[i].LostAt, StepsTotal: rows[i].StepsTotal, StepsDone: rows[i].StepsDone}
		if rows[i].LossReasonID != nil {
			e.LossReason = byID[*rows[i].LossReasonID]
		}
		out[i] = e
		cursors[i] = encodeTimeCursor(timeCursor{At: rows[i].LostAt, ID: c.ID})
	}
	return out, cursors, hasNext, nil
}
