package db_test

import (
	"context"
	"maps"
	"testing"
	"time"

	"github.com/retain-crm/retain/db"
)

// TestInteractionSignalsAgree: a write's rescore reads a customer's
// interactions through two bounded lookups, the sweep aggregates a chunk's
// interactions in one pass; both must give the same signals, newest six
// sentiments first and the competitor mentions of the last 90 days (not
// older ones, not ones dated after now).
func TestInteractionSignalsAgree(t *testing.T) {
	ctx := context.Background()
	w := newSmallWorkspace(t, "signals")
	d := w.d
	now := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	interaction := func(customer string, ago time.Duration, sentiment *int, competitor string) {
		if _, err := d.ExecContext(ctx, `INSERT INTO interactions (workspace_id, customer_id, channel, direction, occurred_at, summary, sentiment, competitor)
			VALUES (?, ?, 'CALL', 'OUTBOUND', ?, 'call', ?, ?)`, w.id, customer, now.Add(-ago), sentiment, competitor); err != nil {
			t.Fatal(err)
		}
	}
	s := func(n int) *int { return &n }
	day := 24 * time.Hour
	long, quiet, silent := w.customer(t, "Long history"), w.customer(t, "No interactions"), w.customer(t, "No sentiment")
	for i := range 40 { // oldest first: sentiments cycle -2…2, none on every fifth
		var sent *int
		if i%5 != 4 {
			sent = s(i%5 - 2)
		}
		interaction(long, time.Duration(200-i*4)*day, sent, "")
	}
	interaction(long, 10*day, s(2), "Acme")     // newest with a sentiment but one
	interaction(long, 5*day, nil, "Acme")       // a mention without sentiment
	interaction(long, 120*day, s(-1), "Globex") // a mention older than 90 days
	interaction(long, -3*day, s(-2), "Initech") // after now: not yet
	interaction(long, 1*day, s(1), "")          // the newest sentiment
	interaction(silent, 2*day, nil, "Acme")

	ids := []string{long, quiet, silent}
	perCustomer, byChunk, err := db.InteractionSignals(ctx, d, w.id, ids, now)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		// Newest first: 1 day (1), 10 days (2), then the cycle's newest ones
		// with a sentiment: i=39 has none, i=38 → 1, 37 → 0, 36 → -1, 35 → -2.
		long:   "[1 2 1 0 -1 -2] 2",
		quiet:  "[] 0",
		silent: "[] 1",
	}
	if !maps.Equal(perCustomer, want) {
		t.Errorf("per customer (a write's rescore):\n got %v\nwant %v", perCustomer, want)
	}
	if !maps.Equal(byChunk, want) {
		t.Errorf("by chunk (the sweep):\n got %v\nwant %v", byChunk, want)
	}
}
