package db_test

import (
	"context"
	"testing"

	"github.com/uptrace/bun"

	"github.com/retain-crm/retain/db"
	"github.com/retain-crm/retain/db/dbtest"
)

func TestQueryCounter(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d := dbtest.New(t)
	c := &db.QueryCounter{}
	d.AddQueryHook(c)
	var n int
	for range 3 {
		if err := d.NewSelect().ColumnExpr("1").Scan(ctx, &n); err != nil {
			t.Fatal(err)
		}
	}
	if got := c.Count(); got != 3 {
		t.Fatalf("Count = %d, want 3: %q", got, c.Queries())
	}
	c.Reset()
	if c.Count() != 0 || len(c.Queries()) != 0 {
		t.Fatal("Reset did not forget")
	}
	if err := d.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		return tx.NewSelect().ColumnExpr("2").Scan(ctx, &n)
	}); err != nil {
		t.Fatal(err)
	}
	// BEGIN, the SELECT and COMMIT are each a round trip.
	if got := c.Count(); got != 3 {
		t.Errorf("transaction counted %d statements, want 3: %q", got, c.Queries())
	}
}
