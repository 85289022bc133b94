package db_test

import (
	"context"
	"testing"

	"github.com/retain-crm/retain"
	"github.com/retain-crm/retain/auth"
	"github.com/retain-crm/retain/db"
	"github.com/retain-crm/retain/db/dbtest"
)

// smallWorkspace is a fresh database with one workspace, its admin and one
// of its relationship types, for tests that insert their own rows.
type smallWorkspace struct {
	d                  *db.DB
	id, admin, relType string
}

func newSmallWorkspace(t *testing.T, slug string) *smallWorkspace {
	t.Helper()
	ctx := context.Background()
	d := dbtest.New(t)
	ws, admin, err := d.CreateWorkspace(ctx, slug, slug, retain.UserInput{
		Email: "admin@" + slug + ".test", Name: "Admin", Role: retain.RoleAdmin, Password: "correct horse battery"}, auth.Passwords{Cost: 4})
	if err != nil {
		t.Fatal(err)
	}
	w := &smallWorkspace{d: d, id: ws.ID, admin: admin.ID}
	if err := d.QueryRowContext(ctx, "SELECT id FROM relationship_types WHERE workspace_id = ? LIMIT 1", ws.ID).Scan(&w.relType); err != nil {
		t.Fatal(err)
	}
	return w
}

// customer inserts an active customer owned by the admin and returns its id.
func (w *smallWorkspace) customer(t *testing.T, name string) string {
	t.Helper()
	var id string
	if err := w.d.QueryRowContext(context.Background(), `INSERT INTO customers (workspace_id, name, stage, tier, owner_id, relationship_type_id)
		VALUES (?, ?, 'ACTIVE', 'STANDARD', ?, ?) RETURNING id`, w.id, name, w.admin, w.relType).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}
