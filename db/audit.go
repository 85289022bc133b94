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
	_, err := idb.NewInsert().Model(db.auditEntry(ctx, a, action, entityType, entityID, before, after)).Exec(ctx)
	return err
}

// auditEntry is the audit row of a mutation, for audit or for a statement
// that inserts it together with the change (a pipelined write).
func (db *DB) auditEntry(ctx context.Context, a *retain.Actor, action, entityType, entityID string, before, after any) *auditRow {
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
	return row
}

// AuditService implements retain.AuditService.
type AuditService struct{ DB *DB }

// FindAuditEntries pages through the audit log, newest first, optionally for one entity.
func (s *AuditService) FindAuditEntries(ctx context.Context, entityType, entityID *string, p retain.Page) ([]*retain.AuditEntry, []string, bool, error) {
	a, err := actorFor(ctx, retain.ActionReadAudit)
	if err != nil {
		return nil, nil, false, err
	}
	if p, err = p.Normalize(); err != nil {
		return nil, nil, false, err
	}
	var rows []*retain.AuditEntry
	q := s.DB.NewSelect().Model(&rows).ModelTableExpr("audit_log AS audit_entry").Where("workspace_id = ?", a.WorkspaceID)
	if entityType != nil {
		q = q.Where("entity_type = ?", *entityType)
	}
	if entityID != nil {
		if !retain.ValidID(*entityID) {
			return nil, nil, false, retain.Invalid("entityId", "not a valid id")
		}
		q = q.Where("entity_id = ?", *entityID)
	}
	cursors, hasNext, err := newestFirst(ctx, q, &rows, p, "at", "id",
		func(e *retain.AuditEntry) timeCursor { return timeCursor{At: e.At, ID: e.ID} })
	return rows, cursors, hasNext, err
}
