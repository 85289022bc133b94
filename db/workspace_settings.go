package db

import (
	"context"
	"regexp"
	"time"

	"github.com/uptrace/bun"

	"github.com/retain-crm/retain"
)

// WorkspaceService implements retain.WorkspaceService.
type WorkspaceService struct{ DB *DB }

var _ retain.WorkspaceService = (*WorkspaceService)(nil)

// CurrentWorkspace returns the actor's workspace.
func (s *WorkspaceService) CurrentWorkspace(ctx context.Context) (*retain.Workspace, error) {
	a, err := retain.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	ws := new(retain.Workspace)
	if err := s.DB.NewSelect().Model(ws).Where("id = ?", a.WorkspaceID).Scan(ctx); err != nil {
		return nil, notFoundAs(err, "workspace")
	}
	return ws, nil
}

var currencyCode = regexp.MustCompile(`^[A-Z]{3}$`)

// UpdateWorkspace changes the workspace's name and policies.
func (s *WorkspaceService) UpdateWorkspace(ctx context.Context, version int, in retain.WorkspaceSettingsInput) (*retain.Workspace, error) {
	a, err := actorFor(ctx, retain.ActionManageWorkspace)
	if err != nil {
		return nil, err
	}
	var out *retain.Workspace
	err = s.DB.tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		ws := new(retain.Workspace)
		if err := tx.NewSelect().Model(ws).Where("id = ?", a.WorkspaceID).For("UPDATE").Scan(ctx); err != nil {
			return err
		}
		if ws.Version != version {
			return retain.Conflict("workspace")
		}
		before := *ws
		st := &ws.Settings
		if in.Name != nil {
			if ws.Name, err = retain.CheckText("input.name", *in.Name, 1, 200); err != nil {
				return err
			}
		}
		if in.RiskThresholds != nil {
			if err := in.RiskThresholds.Validate(); err != nil {
				return err
			}
			st.RiskThresholds = *in.RiskThresholds
		}
		if in.RiskWeights != nil {
			if err := in.RiskWeights.Validate("input.riskWeights"); err != nil {
				return err
			}
			// Unset weights keep the current default.
			merged := st.RiskWeights
			for _, f := range []struct{ src, dst **int }{
				{&in.RiskWeights.ContactOverdue, &merged.ContactOverdue}, {&in.RiskWeights.OpenComplaints, &merged.OpenComplaints},
				{&in.RiskWeights.BreachedDeadlines, &merged.BreachedDeadlines}, {&in.RiskWeights.BrokenPromises, &merged.BrokenPromises},
				{&in.RiskWeights.Sentiment, &merged.Sentiment}, {&in.RiskWeights.OrderDecline, &merged.OrderDecline},
				{&in.RiskWeights.Returns, &merged.Returns}, {&in.RiskWeights.Competitor, &merged.Competitor},
				{&in.RiskWeights.OwnerRisk, &merged.OwnerRisk}, {&in.RiskWeights.RemediationOverdue, &merged.RemediationOverdue},
			} {
				if *f.src != nil {
					*f.dst = *f.src
				}
			}
			st.RiskWeights = merged
		}
		if in.AutoRecoveryPlaybook != nil {
			st.AutoRecoveryPlaybook = *in.AutoRecoveryPlaybook
		}
		if in.Timezone != nil {
			if _, err := time.LoadLocation(*in.Timezone); err != nil || *in.Timezone == "" {
				return retain.Invalid("input.timezone", "unknown time zone")
			}
			st.Timezone = *in.Timezone
		}
		if in.Currency != nil {
			if !currencyCode.MatchString(*in.Currency) {
				return retain.Invalid("input.currency", "use a three-letter ISO currency code")
			}
			st.Currency = *in.Currency
		}
		ws.Version++
		ws.UpdatedAt = s.DB.now()
		if _, err := tx.NewUpdate().Model(ws).Column("name", "settings", "version", "updated_at").WherePK().Exec(ctx); err != nil {
			return err
		}
		out = ws
		return s.DB.audit(ctx, tx, a, "workspace.update", "workspace", ws.ID, before, ws)
	})
	return out, err
}
