package db_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/retain-crm/retain"
	"github.com/retain-crm/retain/auth"
	"github.com/retain-crm/retain/db"
	"github.com/retain-crm/retain/db/dbtest"
)

// TestLoadEventsMixedBatch loads a batch holding alerts and risk changes of
// different customers: every event comes back with its customer's
// ownership, and the ownership lookup can be served by indexes whatever the
// batch holds (a batch of both kinds used to scan every customer).
func TestLoadEventsMixedBatch(t *testing.T) {
	ctx := context.Background()
	d := dbtest.New(t)
	ws, admin, err := d.CreateWorkspace(ctx, "Bus", "bus", retain.UserInput{
		Email: "admin@bus.test", Name: "Admin", Role: retain.RoleAdmin, Password: "correct horse battery"}, auth.Passwords{Cost: 4})
	if err != nil {
		t.Fatal(err)
	}
	var rt string
	if err := d.QueryRowContext(ctx, "SELECT id FROM relationship_types WHERE workspace_id = ? LIMIT 1", ws.ID).Scan(&rt); err != nil {
		t.Fatal(err)
	}
	customer := func(name string) string {
		var id string
		if err := d.QueryRowContext(ctx, `INSERT INTO customers (workspace_id, name, stage, tier, owner_id, relationship_type_id)
			VALUES (?, ?, 'ACTIVE', 'STANDARD', ?, ?) RETURNING id`, ws.ID, name, admin.ID, rt).Scan(&id); err != nil {
			t.Fatal(err)
		}
		return id
	}
	alerted, changed := customer("Alerted"), customer("Changed")
	// Enough others that reading all customers costs more than looking two up.
	if _, err := d.ExecContext(ctx, `INSERT INTO customers (workspace_id, name, stage, tier, owner_id, relationship_type_id)
		SELECT ?, 'Other ' || i, 'ACTIVE', 'STANDARD', ?, ? FROM generate_series(1, 3000) AS i; ANALYZE customers`, ws.ID, admin.ID, rt); err != nil {
		t.Fatal(err)
	}
	var alertID string
	if err := d.QueryRowContext(ctx, `INSERT INTO alerts (workspace_id, customer_id, kind, score_before, score_after, level_before, level_after)
		VALUES (?, ?, 'CRITICAL_COMPLAINT', 10, 40, 'HEALTHY', 'WATCH') RETURNING id`, ws.ID, alerted).Scan(&alertID); err != nil {
		t.Fatal(err)
	}

	events, err := db.LoadEvents(ctx, d, []string{alertID}, []string{changed})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range events {
		switch {
		case e.Alert != nil && e.Alert.ID == alertID && e.Ownership.CustomerID() == alerted && e.Ownership.OwnerID == admin.ID:
			got = append(got, "alert")
		case e.Customer != nil && e.Customer.ID == changed && e.Ownership.CustomerID() == changed && e.Ownership.WorkspaceID == ws.ID:
			got = append(got, "risk")
		default:
			t.Errorf("unexpected event %+v", e)
		}
	}
	if slices.Sort(got); !slices.Equal(got, []string{"alert", "risk"}) {
		t.Fatalf("events %v, want one alert and one risk change", got)
	}

	for name, ids := range map[string][2][]string{
		"alerts":    {{alertID}, nil},
		"customers": {nil, {changed}},
		"both":      {{alertID}, {changed, alerted}},
	} {
		t.Run(name, func(t *testing.T) {
			var plan []string
			if err := d.NewRaw("EXPLAIN "+db.OwnershipQuery(d, ids[0], ids[1]).String()).Scan(ctx, &plan); err != nil {
				t.Fatal(err)
			}
			if text := strings.Join(plan, "\n"); !strings.Contains(text, "Index Scan using customers_pkey on customers c") {
				t.Fatalf("the ownership lookup does not look customers up by id:\n%s", text)
			}
		})
	}
}
