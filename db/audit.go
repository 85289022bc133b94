package db

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/retain-crm/retain"
)

// AuditEntry is one row of the audit log.
type auditRow struct {
	bun.BaseModel `bun:"table:audit_log"`
	ID            string  `bun:",pk,type:uuid"`
	WorkspaceID   string  `bun:",type:uuid"`
	ActorUserID   *string `bun:",type:uuid"`
	ActorTokenID  *string `bun:",type:uuid"`
	Action        string
	EntityType    string
	EntityID      *string `bun:",type:uuid"`
	Before        any     `bun:",type:jsonb"`
	After         any     `bun:",type:jsonb"`
	RequestID     string
	At            any `bun:",type:timestamptz"`
}

// audit records a mutation in the same transaction as the change itself.
func (db *DB) audit(ctx context.Context, idb bun.IDB, a *retain.Actor, action, entityType, entityID string, before, after any) error {
	row := &auditRow{
		ID: NewID(), WorkspaceID: a.WorkspaceID, Action: action, EntityType: entityType,
		Before: before, After: after, RequestID: retain.RequestID(ctx), At: db.now(),
	}
	if a.UserID != "" {
		row.ActorUserID = &a.UserID
	}
	if a.TokenID != "" {
		row.ActorTokenID = &a.TokenID
	}
	if entityID != "" {
		row.EntityID = &entityID
	}
	_, err := idb.NewInsert().Model(row).Exec(ctx)
	return err
}
