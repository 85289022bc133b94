package db

import (
	"context"
	"strconv"
	"time"

	"github.com/uptrace/bun"

	"github.com/retain-crm/retain"
)

// applyPlaybook creates the playbook's steps for a complaint (k non-nil) or
// a win-back of customer c, after the steps already there.
func applyPlaybook(ctx context.Context, tx bun.Tx, db *DB, a *retain.Actor, playbookID string, c *retain.Customer, k *retain.Complaint) ([]*retain.RemediationStep, error) {
	var templates []*retain.PlaybookStep
	if err := tx.NewSelect().Model(&templates).Where("workspace_id = ? AND playbook_id = ?", a.WorkspaceID, playbookID).
		Order("position").Scan(ctx); err != nil {
		return nil, err
	}
	if len(templates) == 0 {
		return nil, retain.NotFound("playbook")
	}
	var manager *string
	if err := tx.NewSelect().TableExpr("users").Column("manager_id").Where("id = ?", c.OwnerID).Scan(ctx, &manager); err != nil {
		return nil, err
	}
	start := db.now()
	var complaintID *string
	if k != nil {
		complaintID, start = &k.ID, k.OpenedAt
	}
	pos, err := nextPosition(ctx, tx, c.ID, complaintID)
	if err != nil {
		return nil, err
	}
	now := db.now()
	steps := make([]*retain.RemediationStep, 0, len(templates))
	for i, t := range templates {
		assignee := &c.OwnerID
		switch t.DefaultAssigneeRole {
		case "MANAGER":
			if manager != nil {
				assignee = manager
			}
		case "SERVICE":
			if k != nil {
				assignee = &k.OwnerID
			}
		}
		steps = append(steps, &retain.RemediationStep{ID: NewID(), WorkspaceID: a.WorkspaceID, CustomerID: c.ID, ComplaintID: complaintID,
			PlaybookID: &playbookID, Position: pos + i, Kind: t.Kind, Title: t.Title, AssigneeID: assignee,
			DueAt: start.Add(time.Duration(t.DueOffsetHours) * time.Hour), Status: retain.StepPending, Version: 1, CreatedAt: now, UpdatedAt: now})
	}
	if _, err := tx.NewInsert().Model(&steps).Exec(ctx); err != nil {
		return nil, err
	}
	entity, id := "customer", c.ID
	if k != nil {
		entity, id = "complaint", k.ID
	}
	return steps, db.audit(ctx, tx, a, "playbook.apply", entity, id, nil, map[string]any{"playbookId": playbookID, "steps": len(steps)})
}

func nextPosition(ctx context.Context, idb bun.IDB, customerID string, complaintID *string) (int, error) {
	q := idb.NewSelect().TableExpr("remediation_steps").ColumnExpr("coalesce(max(position), 0) + 1").Where("customer_id = ?", customerID)
	if complaintID != nil {
		q = q.Where("complaint_id = ?", *complaintID)
	} else {
		q = q.Where("complaint_id IS NULL")
	}
	var n int
	err := q.Scan(ctx, &n)
	return n, err
}

// ApplyPlaybook applies a playbook to a complaint or, for win-back, a customer.
func (s *ComplaintService) ApplyPlaybook(ctx context.Context, playbookID string, complaintID, customerID *string) ([]*retain.RemediationStep, error) {
	a, err := actorFor(ctx, retain.ActionWriteActivity)
	if err != nil {
		return nil, err
	}
	if !retain.ValidID(playbookID) {
		return nil, retain.NotFound("playbook")
	}
	if (complaintID == nil) == (customerID == nil) {
		return nil, retain.Invalid("complaintId", "give either a complaint or a customer")
	}
	var out []*retain.RemediationStep
	err = s.DB.tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var k *retain.Complaint
		cid := ""
		if complaintID != nil {
			var err error
			if k, err = findComplaint(ctx, tx, a, *complaintID, true); err != nil {
				return err
			}
			cid = k.CustomerID
		} else {
			cid = *customerID
		}
		c, err := findCustomer(ctx, tx, a, cid, true)
		if err != nil {
			return err
		}
		if k == nil && c.Stage != retain.StageLost {
			return retain.Invalid("customerId", "win-back steps are for lost customers; mark the customer lost first")
		}
		if out, err = applyPlaybook(ctx, tx, s.DB, a, playbookID, c, k); err != nil {
			return err
		}
		return rescoreOne(ctx, tx, s.DB, a.WorkspaceID, c.ID)
	})
	return out, err
}

// stepsWhere loads visible steps matching a condition, in order.
func (s *ComplaintService) stepsWhere(ctx context.Context, a *retain.Actor, cond string, args ...any) ([]*retain.RemediationStep, error) {
	var steps []*retain.RemediationStep
	err := s.DB.NewSelect().Model(&steps).Where("remediation_step.workspace_id = ?", a.WorkspaceID).
		Where("remediation_step.customer_id IN (?)", visibleCustomerIDs(s.DB, a)).Where(cond, args...).
		Order("remediation_step.position", "remediation_step.id").Scan(ctx)
	return steps, translate(err)
}

// StepsOf returns the remediation steps of complaints.
func (s *ComplaintService) StepsOf(ctx context.Context, complaintIDs []string) (map[string][]*retain.RemediationStep, error) {
	a, err := actorFor(ctx, retain.ActionReadCustomers)
	if err != nil {
		return nil, err
	}
	steps, err := s.stepsWhere(ctx, a, "remediation_step.complaint_id IN (?)", bun.In(complaintIDs))
	out := map[string][]*retain.RemediationStep{}
	for _, st := range steps {
		out[*st.ComplaintID] = append(out[*st.ComplaintID], st)
	}
	return out, err
}

// WinBackSteps returns the win-back steps (those without a complaint) of customers.
func (s *ComplaintService) WinBackSteps(ctx context.Context, customerIDs []string) (map[string][]*retain.RemediationStep, error) {
	a, err := actorFor(ctx, retain.ActionReadCustomers)
	if err != nil {
		return nil, err
	}
	steps, err := s.stepsWhere(ctx, a, "remediation_step.customer_id IN (?) AND remediation_step.complaint_id IS NULL", bun.In(customerIDs))
	out := map[string][]*retain.RemediationStep{}
	for _, st := range steps {
		out[st.CustomerID] = append(out[st.CustomerID], st)
	}
	return out, err
}

// AddStep adds a step by hand to a complaint or a win-back.
func (s *ComplaintService) AddStep(ctx context.Context, in retain.StepInput) (*retain.RemediationStep, error) {
	a, err := actorFor(ctx, retain.ActionWriteActivity)
	if err != nil {
		return nil, err
	}
	if (in.ComplaintID == nil) == (in.CustomerID == nil) {
		return nil, retain.Invalid("input.complaintId", "give either a complaint or a customer")
	}
	if !retain.ValidStepKind(in.Kind) {
		return nil, retain.Invalid("input.kind", "unknown step kind")
	}
	if in.Title, err = retain.CheckText("input.title", in.Title, 1, 200); err != nil {
		return nil, err
	}
	if in.Notes, err = retain.CheckText("input.notes", in.Notes, 0, 5000); err != nil {
		return nil, err
	}
	if err := retain.CheckMoney("input.cost", in.Cost); err != nil {
		return nil, err
	}
	now := s.DB.now()
	if err := retain.CheckTime("input.dueAt", in.DueAt, now.AddDate(-1, 0, 0), now.AddDate(2, 0, 0)); err != nil {
		return nil, err
	}
	var out *retain.RemediationStep
	err = s.DB.tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		cid := ""
		if in.ComplaintID != nil {
			k, err := findComplaint(ctx, tx, a, *in.ComplaintID, true)
			if err != nil {
				return err
			}
			cid = k.CustomerID
		} else {
			cid = *in.CustomerID
		}
		c, err := findCustomer(ctx, tx, a, cid, true)
		if err != nil {
			return err
		}
		assignee := &c.OwnerID
		if in.AssigneeID != nil {
			if err := checkAssignee(ctx, tx, a, "input.assigneeId", *in.AssigneeID); err != nil {
				return err
			}
			assignee = in.AssigneeID
		}
		pos, err := nextPosition(ctx, tx, c.ID, in.ComplaintID)
		if err != nil {
			return err
		}
		st := &retain.RemediationStep{ID: NewID(), WorkspaceID: a.WorkspaceID, CustomerID: c.ID, ComplaintID: in.ComplaintID,
			Position: pos, Kind: in.Kind, Title: in.Title, AssigneeID: assignee, DueAt: in.DueAt.UTC().Truncate(time.Microsecond),
			Status: retain.StepPending, Cost: in.Cost, Notes: in.Notes, Version: 1, CreatedAt: now, UpdatedAt: now}
		if _, err := tx.NewInsert().Model(st).Exec(ctx); err != nil {
			return err
		}
		out = st
		if err := s.DB.audit(ctx, tx, a, "step.add", "remediation_step", st.ID, nil, st); err != nil {
			return err
		}
		return rescoreOne(ctx, tx, s.DB, a.WorkspaceID, c.ID)
	})
	return out, err
}

func findStep(ctx context.Context, idb bun.IDB, a *retain.Actor, id string) (*retain.RemediationStep, error) {
	if !retain.ValidID(id) {
		return nil, retain.NotFound("step")
	}
	st := new(retain.RemediationStep)
	err := idb.NewSelect().Model(st).Where("remediation_step.workspace_id = ? AND remediation_step.id = ?", a.WorkspaceID, id).
		Where("remediation_step.customer_id IN (?)", visibleCustomerIDs(idb, a)).For("UPDATE OF remediation_step").Scan(ctx)
	if err != nil {
		return nil, notFoundAs(err, "step")
	}
	return st, nil
}

// UpdateStep completes, skips or edits a step.
func (s *ComplaintService) UpdateStep(ctx context.Context, id string, u retain.StepUpdate) (*retain.RemediationStep, error) {
	a, err := actorFor(ctx, retain.ActionWriteActivity)
	if err != nil {
		return nil, err
	}
	var out *retain.RemediationStep
	err = s.DB.tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		st, err := findStep(ctx, tx, a, id)
		if err != nil {
			return err
		}
		if st.Version != u.Version {
			return retain.Conflict("step")
		}
		before := *st
		now := s.DB.now()
		if u.Notes != nil {
			if st.Notes, err = retain.CheckText("input.notes", *u.Notes, 0, 5000); err != nil {
				return err
			}
		}
		if u.Cost != nil {
			if err := retain.CheckMoney("input.cost", *u.Cost); err != nil {
				return err
			}
			st.Cost = *u.Cost
		}
		if u.AssigneeID != nil {
			if err := checkAssignee(ctx, tx, a, "input.assigneeId", *u.AssigneeID); err != nil {
				return err
			}
			st.AssigneeID = u.AssigneeID
		}
		if u.DueAt != nil {
			if err := retain.CheckTime("input.dueAt", *u.DueAt, now.AddDate(-1, 0, 0), now.AddDate(2, 0, 0)); err != nil {
				return err
			}
			st.DueAt = u.DueAt.UTC().Truncate(time.Microsecond)
		}
		if u.Status != nil && *u.Status != st.Status {
			switch *u.Status {
			case retain.StepDone:
				st.CompletedAt, st.SkipReason = &now, ""
			case retain.StepSkipped:
				reason := ""
				if u.SkipReason != nil {
					reason = *u.SkipReason
				}
				if st.SkipReason, err = retain.CheckText("input.skipReason", reason, 1, 1000); err != nil {
					return retain.Invalid("input.skipReason", "skipping a step requires a reason")
				}
				st.CompletedAt = &now
			case retain.StepPending:
				st.CompletedAt, st.SkipReason = nil, ""
			default:
				return retain.Invalid("input.status", "unknown status")
			}
			st.Status = *u.Status
		}
		st.UpdatedAt = now
		st.Version++
		if _, err := tx.NewUpdate().Model(st).WherePK().ExcludeColumn("id", "workspace_id", "customer_id", "complaint_id", "created_at").Exec(ctx); err != nil {
			return err
		}
		out = st
		if err := s.DB.audit(ctx, tx, a, "step.update", "remediation_step", st.ID, before, st); err != nil {
			return err
		}
		return rescoreOne(ctx, tx, s.DB, a.WorkspaceID, st.CustomerID)
	})
	return out, err
}

// ReorderSteps sets the order of steps of one complaint or win-back to the order given.
func (s *ComplaintService) ReorderSteps(ctx context.Context, stepIDs []string) ([]*retain.RemediationStep, error) {
	a, err := actorFor(ctx, retain.ActionWriteActivity)
	if err != nil {
		return nil, err
	}
	if len(stepIDs) == 0 || len(stepIDs) > 200 {
		return nil, retain.Invalid("stepIds", "give between 1 and 200 steps")
	}
	var out []*retain.RemediationStep
	err = s.DB.tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		seen := map[string]bool{}
		for i, id := range stepIDs {
			if seen[id] {
				return retain.Invalid("stepIds", "step %s is listed twice", id)
			}
			seen[id] = true
			st, err := findStep(ctx, tx, a, id)
			if err != nil {
				return &retain.Error{Code: retain.ENOTFOUND, Field: "stepIds." + strconv.Itoa(i), Message: "step not found"}
			}
			if len(out) > 0 && (st.CustomerID != out[0].CustomerID || !sameComplaint(st.ComplaintID, out[0].ComplaintID)) {
				return retain.Invalid("stepIds", "all steps must belong to the same complaint or win-back")
			}
			out = append(out, st)
		}
		var total int
		q := tx.NewSelect().TableExpr("remediation_steps").Where("customer_id = ?", out[0].CustomerID)
		if out[0].ComplaintID != nil {
			q = q.Where("complaint_id = ?", *out[0].ComplaintID)
		} else {
			q = q.Where("complaint_id IS NULL")
		}
		if total, err = q.Count(ctx); err != nil {
			return err
		}
		if total != len(out) {
			return retain.Invalid("stepIds", "list every step of the checklist exactly once")
		}
		now := s.DB.now()
		// The old positions, so the audit log can tell what the order was.
		before := make(map[string]int, len(out))
		for _, st := range out {
			before[st.ID] = st.Position
		}
		for i, st := range out {
			st.Position, st.UpdatedAt = i+1, now
			st.Version++
			if _, err := tx.NewUpdate().Model(st).Column("position", "updated_at", "version").WherePK().Exec(ctx); err != nil {
				return err
			}
		}
		return s.DB.audit(ctx, tx, a, "step.reorder", "customer", out[0].CustomerID, map[string]any{"positions": before}, map[string]any{"order": stepIDs})
	})
	return out, err
}

func sameComplaint(a, b *string) bool {
	return (a == nil && b == nil) || (a != nil && b != nil && *a == *b)
}

// FindPlaybooks lists the workspace's playbooks with their steps.
func (s *ComplaintService) FindPlaybooks(ctx context.Context) ([]*retain.Playbook, error) {
	a, err := actorFor(ctx, retain.ActionReadCustomers)
	if err != nil {
		return nil, err
	}
	var pbs []*retain.Playbook
	if err := s.DB.NewSelect().Model(&pbs).Where("workspace_id = ?", a.WorkspaceID).Order("code").Scan(ctx); err != nil {
		return nil, translate(err)
	}
	var steps []*retain.PlaybookStep
	if err := s.DB.NewSelect().Model(&steps).Where("workspace_id = ?", a.WorkspaceID).Order("position").Scan(ctx); err != nil {
		return nil, translate(err)
	}
	byID := map[string]*retain.Playbook{}
	for _, pb := range pbs {
		byID[pb.ID] = pb
	}
	for _, st := range steps {
		if pb := byID[st.PlaybookID]; pb != nil {
			pb.Steps = append(pb.Steps, st)
		}
	}
	return pbs, nil
}

// UpdatePlaybook renames a playbook and replaces its step templates.
func (s *ComplaintService) UpdatePlaybook(ctx context.Context, id string, version int, name string, steps []retain.PlaybookStepInput) (*retain.Playbook, error) {
	a, err := actorFor(ctx, retain.ActionManageContracts)
	if err != nil {
		return nil, err
	}
	if name, err = retain.CheckText("input.name", name, 1, 200); err != nil {
		return nil, err
	}
	if len(steps) == 0 || len(steps) > 30 {
		return nil, retain.Invalid("input.steps", "a playbook has between 1 and 30 steps")
	}
	for i, st := range steps {
		f := "input.steps." + strconv.Itoa(i)
		if !retain.ValidStepKind(st.Kind) {
			return nil, retain.Invalid(f+".kind", "unknown step kind")
		}
		if steps[i].Title, err = retain.CheckText(f+".title", st.Title, 1, 200); err != nil {
			return nil, err
		}
		if st.DueOffsetHours < 0 || st.DueOffsetHours > 8760 {
			return nil, retain.Invalid(f+".dueOffsetHours", "due offset must be between 0 and 8760 hours")
		}
		if st.DefaultAssigneeRole != "OWNER" && st.DefaultAssigneeRole != "MANAGER" && st.DefaultAssigneeRole != "SERVICE" {
			return nil, retain.Invalid(f+".defaultAssigneeRole", "OWNER, MANAGER or SERVICE")
		}
	}
	var out *retain.Playbook
	err = s.DB.tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		pb := new(retain.Playbook)
		if !retain.ValidID(id) {
			return retain.NotFound("playbook")
		}
		if err := tx.NewSelect().Model(pb).Where("workspace_id = ? AND id = ?", a.WorkspaceID, id).For("UPDATE").Scan(ctx); err != nil {
			return notFoundAs(err, "playbook")
		}
		if pb.Version != version {
			return retain.Conflict("playbook")
		}
		// The old templates are replaced, not edited, so the audit log is
		// the only place they survive.
		var old []*retain.PlaybookStep
		if err := tx.NewSelect().Model(&old).Where("playbook_id = ?", pb.ID).Order("position").Scan(ctx); err != nil {
			return err
		}
		before := map[string]any{"name": pb.Name, "steps": old}
		if _, err := tx.NewDelete().TableExpr("playbook_steps").Where("playbook_id = ?", pb.ID).Exec(ctx); err != nil {
			return err
		}
		pb.Name, pb.UpdatedAt = name, s.DB.now()
		pb.Version++
		for i, st := range steps {
			row := &retain.PlaybookStep{ID: NewID(), WorkspaceID: a.WorkspaceID, PlaybookID: pb.ID, Position: i + 1, Kind: st.Kind,
				Title: st.Title, DueOffsetHours: st.DueOffsetHours, DefaultAssigneeRole: st.DefaultAssigneeRole}
			if _, err := tx.NewInsert().Model(row).Exec(ctx); err != nil {
				return err
			}
			pb.Steps = append(pb.Steps, row)
		}
		if _, err := tx.NewUpdate().Model(pb).Column("name", "updated_at", "version").WherePK().Exec(ctx); err != nil {
			return err
		}
		out = pb
		return s.DB.audit(ctx, tx, a, "playbook.update", "playbook", pb.ID, before, map[string]any{"name": name, "steps": steps})
	})
	return out, err
}
