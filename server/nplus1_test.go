package server_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/retain-crm/retain"
	"github.com/retain-crm/retain/db"
	"github.com/retain-crm/retain/server/servertest"
)

// TestNoNPlusOne proves a page of customers with nested owner, backup owner,
// relationship type and complaint count costs the same few statements for 5
// rows as for 50: nested fields come with the page or are batched per operation.
//
// It deliberately does not call t.Parallel: Go runs it before the parallel
// tests resume, so the loaders' 1 ms batching window is not measured on a
// machine saturated by the rest of the suite (see the note on best below).
func TestNoNPlusOne(t *testing.T) {
	env := servertest.New(t)
	w := env.W1
	admin := login(t, env, w, "admin").Access
	var types struct{ RelationshipTypes []struct{ ID string } }
	mustOK(t, gql(t, env, admin, `{relationshipTypes{id}}`, nil), &types)
	owners := []string{"agentA", "agentB", "agentC", "manager", "admin"}
	for i := range 50 {
		owner, backup := owners[i%len(owners)], owners[(i+1)%len(owners)]
		b := w.Users[backup].ID
		in := retain.CustomerInput{Name: fmt.Sprint("Customer ", i), OwnerID: w.Users[owner].ID,
			RelationshipTypeID: types.RelationshipTypes[i%len(types.RelationshipTypes)].ID}
		if i%3 != 0 {
			in.BackupOwnerID = &b
		}
		c := seedCustomer(t, env, w, in)
		for range i % 3 {
			now := env.Clock.Now()
			exec(t, env, `INSERT INTO complaints (workspace_id, customer_id, owner_id, category, severity, channel, description, opened_at, response_due_at)
				VALUES (?, ?, ?, 'QUALITY', 'HIGH', 'CALL', 'Broken', ?, ?)`, w.ID, c.ID, w.Users[owner].ID, now, now.Add(time.Hour))
		}
	}

	counter := &db.QueryCounter{}
	env.DB.AddQueryHook(counter)
	const page = `query($n:Int!){customers(first:$n){edges{node{name owner{name} backupOwner{name} relationshipType{name} openComplaintCount}} totalCount}}`
	// One level deeper: the owners' managers and each type's customer count.
	const deeper = `query($n:Int!){customers(first:$n){edges{node{name owner{name manager{name}} backupOwner{name} relationshipType{name customerCount} openComplaintCount}} totalCount}}`
	measure := func(q string, n int) (int, []string) {
		var out struct {
			Customers struct {
				Edges []struct {
					Node struct {
						Owner              struct{ Name string }
						OpenComplaintCount int
					}
				}
				TotalCount int
			}
		}
		counter.Reset()
		mustOK(t, gql(t, env, admin, q, map[string]any{"n": n}), &out)
		stmts := counter.Queries()
		if len(out.Customers.Edges) != n || out.Customers.TotalCount != 50 {
			t.Fatalf("first:%d returned %d rows, total %d", n, len(out.Customers.Edges), out.Customers.TotalCount)
		}
		complaints := 0
		for _, e := range out.Customers.Edges {
			if e.Node.Owner.Name == "" {
				t.Fatal("owner not resolved")
			}
			complaints += e.Node.OpenComplaintCount
		}
		if n == 50 && complaints != 49 { // Σ i%3 for i < 50
			t.Errorf("open complaints = %d, want 49", complaints)
		}
		return len(stmts), stmts
	}
	// The loaders collect keys for batchWait (1 ms) after the first Load; on
	// a loaded machine the 50 field resolvers of a page may not all start in
	// that window and one batch becomes two. That costs one statement, not
	// one per row, so each size is measured a few times and the fewest
	// statements count: a real N+1 costs 45 more for 50 rows every time.
	best := func(q string, n int) (int, []string) {
		min, stmts := -1, []string(nil)
		for range 10 {
			c, s := measure(q, n)
			if min < 0 || c < min {
				min, stmts = c, s
			}
		}
		return min, stmts
	}
	for _, tc := range []struct {
		name string
		q    string
		max  int
	}{{"page", page, 5}, {"deeper", deeper, 8}} {
		small, smallStmts := best(tc.q, 5)
		large, largeStmts := best(tc.q, 50)
		if small != large || large > tc.max {
			t.Errorf("%s: %d statements for 5 rows, %d for 50 (want equal and ≤ %d)\n5 rows:\n%s\n50 rows:\n%s",
				tc.name, small, large, tc.max, strings.Join(smallStmts, "\n"), strings.Join(largeStmts, "\n"))
		}
		t.Logf("%s: %d statements for 5 rows and for 50", tc.name, large)
	}
}
