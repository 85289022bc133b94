package db_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/retain-crm/retain/db"
)

// TestLoadEventsMixedBatch loads a batch holding alerts and risk changes of
// different customers: every event comes back with its customer's
// ownership, and the ownership lookup can be served by indexes whatever the
// batch holds (a batch of both kinds used to scan every customer).
func TestLoadEventsMixedBatch(t *testing.T) {
	ctx := context.Background()
	w := newSmallWorkspace(t, "bus")
	d := w.d
	alerted, changed := w.customer(t, "Alerted"), w.customer(t, "Changed")
	// Enough others that reading all customers costs more than looking two up.
	if _, err := d.ExecContext(ctx, `INSERT INTO customers (workspace_id, name, stage, tier, owner_id, relationship_type_id)
		SELECT ?, 'Other ' || i, 'ACTIVE', 'STANDARD', ?, ? FROM generate_series(1, 3000) AS i; ANALYZE customers`, w.id, w.admin, w.relType); err != nil {
		t.Fatal(err)
	}
	var alertID string
	if err := d.QueryRowContext(ctx, `INSERT INTO alerts (workspace_id, customer_id, kind, score_before, score_after, level_before, level_after)
		VALUES (?, ?, 'CRITICAL_COMPLAINT', 10, 40, 'HEALTHY', 'WATCH') RETURNING id`, w.id, alerted).Scan(&alertID); err != nil {
		t.Fatal(err)
	}

	events, err := db.LoadEvents(ctx, d, []string{alertID}, []string{changed})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range events {
		switch {
		case e.Alert != nil && e.Alert.ID == alertID && e.Ownership.CustomerID() == alerted && e.Ownership.OwnerID == w.admin:
			got = append(got, "alert")
		case e.Customer != nil && e.Customer.ID == changed && e.Ownership.CustomerID() == changed && e.Ownership.WorkspaceID == w.id:
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
