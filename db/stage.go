package db

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/retain-crm/retain"
)

type stageChangeRow struct {
	bun.BaseModel `bun:"table:stage_changes"`
	ID            string `bun:",pk,type:uuid"`
	WorkspaceID   string `bun:",type:uuid"`
	CustomerID    string `bun:",type:uuid"`
	FromStage     *string
	ToStage       string
	Reason        string
	LossReasonID  *string `bun:",type:uuid"`
	ActorUserID   *string `bun:",type:uuid"`
	ActorTokenID  *string `bun:",type:uuid"`
	OccurredAt    any     `bun:",type:timestamptz"`
}

// recordStageChange writes the life-cycle event of a customer moving stage.
func recordStageChange(ctx context.Context, idb bun.IDB, db *DB, a *retain.Actor, customerID string, from *retain.Stage, to retain.Stage, reason string, lossReasonID *string) error {
	row := &stageChangeRow{ID: NewID(), WorkspaceID: a.WorkspaceID, CustomerID: customerID, ToStage: string(to),
		Reason: reason, LossReasonID: lossReasonID, OccurredAt: db.now()}
	if from != nil {
		f := string(*from)
		row.FromStage = &f
	}
	if a.UserID != "" {
		row.ActorUserID = &a.UserID
	}
	if a.TokenID != "" {
		row.ActorTokenID = &a.TokenID
	}
	_, err := idb.NewInsert().Model(row).Exec(ctx)
	return err
}
