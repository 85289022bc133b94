package retain

import (
	"context"
	"time"
)

// Workspace is one company's Retain: every record belongs to exactly one.
type Workspace struct {
	ID        string            `bun:",pk,type:uuid"`
	Name      string            `bun:""`
	Slug      string            `bun:""`
	Settings  WorkspaceSettings `bun:",type:jsonb"`
	Version   int               `bun:""`
	CreatedAt time.Time         `bun:""`
	UpdatedAt time.Time         `bun:""`
}

// WorkspaceSettings are the workspace-wide policies.
type WorkspaceSettings struct {
	// RiskThresholds bound the risk levels (WATCH, AT_RISK, CRITICAL).
	RiskThresholds RiskThresholds `json:"riskThresholds"`
	// RiskWeights are the default weights; relationship types override them.
	RiskWeights RiskWeights `json:"riskWeights"`
	// AutoRecoveryPlaybook applies the recovery playbook to every new high or
	// critical complaint.
	AutoRecoveryPlaybook bool `json:"autoRecoveryPlaybook"`
	// Timezone is the IANA zone used for key dates and agendas.
	Timezone string `json:"timezone"`
	// Currency is the ISO code money figures are kept in.
	Currency string `json:"currency"`
}

// RiskThresholds are the lower bounds of the WATCH, AT_RISK and CRITICAL levels.
type RiskThresholds struct {
	Watch    int `json:"watch"`
	AtRisk   int `json:"atRisk"`
	Critical int `json:"critical"`
}

// Validate checks 0 < watch < atRisk < critical <= 100.
func (t RiskThresholds) Validate() error {
	if !(0 < t.Watch && t.Watch < t.AtRisk && t.AtRisk < t.Critical && t.Critical <= 100) {
		return Invalid("input.riskThresholds", "thresholds must rise strictly: 0 < watch < atRisk < critical <= 100")
	}
	return nil
}

// WorkspaceSettingsInput changes a workspace's policies; nil fields keep
// their value.
type WorkspaceSettingsInput struct {
	Name                 *string
	RiskThresholds       *RiskThresholds
	RiskWeights          *RiskWeights
	AutoRecoveryPlaybook *bool
	Timezone             *string
	Currency             *string
}

// WorkspaceService reads and changes the actor's workspace.
type WorkspaceService interface {
	// CurrentWorkspace returns the actor's workspace.
	CurrentWorkspace(ctx context.Context) (*Workspace, error)
	// UpdateWorkspace changes policies (admins; ECONFLICT on a stale version).
	// New weights and thresholds reach every score at the next sweep.
	UpdateWorkspace(ctx context.Context, version int, in WorkspaceSettingsInput) (*Workspace, error)
}
