package retain

import (
	"context"
	"time"
)

// StageChange records a customer moving through the life cycle.
type StageChange struct {
	ID           string    `bun:",pk,type:uuid"`
	WorkspaceID  string    `bun:",type:uuid"`
	CustomerID   string    `bun:",type:uuid"`
	FromStage    *Stage    `bun:""`
	ToStage      Stage     `bun:""`
	Reason       string    `bun:""`
	LossReasonID *string   `bun:",type:uuid"`
	ActorUserID  *string   `bun:",type:uuid"`
	ActorTokenID *string   `bun:",type:uuid"`
	OccurredAt   time.Time `bun:""`
}

// stageTransitions lists the moves the life cycle allows. LOST is reachable
// from every live stage; a lost customer comes back only as WON_BACK.
var stageTransitions = map[Stage][]Stage{
	StageProspect:  {StageActive, StageLost},
	StageActive:    {StageDormant, StageSuspended, StageLost},
	StageDormant:   {StageActive, StageSuspended, StageLost},
	StageSuspended: {StageActive, StageDormant, StageLost},
	StageLost:      {StageWonBack},
	StageWonBack:   {StageActive, StageDormant, StageSuspended, StageLost},
}

// CanMoveTo reports whether the life cycle allows s → to.
func (s Stage) CanMoveTo(to Stage) bool {
	for _, t := range stageTransitions[s] {
		if t == to {
			return true
		}
	}
	return false
}

// LossReason is an entry of the workspace's editable list of why customers leave.
type LossReason struct {
	ID          string    `bun:",pk,type:uuid"`
	WorkspaceID string    `bun:",type:uuid"`
	Code        string    `bun:""`
	Label       string    `bun:""`
	Active      bool      `bun:""`
	CreatedAt   time.Time `bun:""`
}

// StageChangeInput moves a customer to another stage.
type StageChangeInput struct {
	CustomerID string
	Version    int
	To         Stage
	Reason     string
	// LossReasonID is required when moving to LOST.
	LossReasonID *string
	// StartWinBack applies the win-back playbook when moving to LOST.
	StartWinBack bool
}

// LossReasonCount is one row of the loss-reasons analysis.
type LossReasonCount struct {
	Reason *LossReason
	Count  int
}

// WinBackEntry is a lost customer with its reason and win-back progress.
type WinBackEntry struct {
	Customer   *Customer
	LostAt     time.Time
	LossReason *LossReason
	StepsTotal int
	StepsDone  int
}

// LifecycleService moves customers through the life cycle and analyses losses.
type LifecycleService interface {
	ChangeStage(ctx context.Context, in StageChangeInput) (*Customer, error)
	FindLossReasons(ctx context.Context, includeInactive bool) ([]*LossReason, error)
	CreateLossReason(ctx context.Context, code, label string) (*LossReason, error)
	UpdateLossReason(ctx context.Context, id string, label *string, active *bool) (*LossReason, error)
	LossReasonAnalysis(ctx context.Context, from, to time.Time) ([]*LossReasonCount, error)
	WinBackList(ctx context.Context, p Page) ([]*WinBackEntry, []string, bool, error)
}
