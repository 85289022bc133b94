package server_test

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/retain-crm/retain"
	"github.com/retain-crm/retain/server/servertest"
)

// TestCustomerListFieldsMatchTheCustomer proves a list that fetches only the
// selected parts of its customers (no JSON documents unless asked, owners,
// types and complaint counts with the page) answers every field exactly as
// the single-customer query does, whichever parts a client selects.
func TestCustomerListFieldsMatchTheCustomer(t *testing.T) {
	t.Parallel()
	env := servertest.New(t)
	w := env.W1
	backup := w.Users["agentB"].ID
	for i := range 6 {
		in := retain.CustomerInput{Name: fmt.Sprint("Listed ", i), OwnerID: w.Users["agentA"].ID,
			Details: map[string]any{"n": float64(i), "region": "east"}, Preferences: map[string]any{"channel": "wechat"}}
		if i%2 == 0 {
			in.BackupOwnerID = &backup
		}
		c := seedCustomer(t, env, w, in)
		for range i % 3 {
			now := env.Clock.Now()
			exec(t, env, `INSERT INTO complaints (workspace_id, customer_id, owner_id, category, severity, channel, description, opened_at, response_due_at)
				VALUES (?, ?, ?, 'QUALITY', 'HIGH', 'CALL', 'Broken', ?, ?)`, w.ID, c.ID, w.Users["agentA"].ID, now, now.Add(time.Hour))
		}
	}
	// Scores and factors come from the rescoring the complaints caused.
	agent := login(t, env, w, "agentA").Access
	for _, tc := range []struct{ name, fields string }{
		{"plain columns", "id name riskScore riskLevel tags"},
		{"documents", "id details preferences riskFactors { key points message params }"},
		{"related", "id owner { id name } backupOwner { id name } relationshipType { id name } openComplaintCount"},
		{"everything", "id name details preferences riskFactors { key points } owner { name } backupOwner { name } relationshipType { name } openComplaintCount"},
		{"through a fragment", "...F"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fields, fragment := tc.fields, ""
			if fields == "...F" {
				fragment = " fragment F on Customer { id details owner { name } openComplaintCount }"
			}
			var list struct {
				Customers struct {
					Edges []struct{ Node map[string]any }
				}
			}
			mustOK(t, gql(t, env, agent, `{customers(first: 50, filter: {search: "Listed"}) { edges { node { `+fields+` } } }}`+fragment, nil), &list)
			if len(list.Customers.Edges) != 6 {
				t.Fatalf("listed %d customers, want 6", len(list.Customers.Edges))
			}
			for _, e := range list.Customers.Edges {
				var one struct{ Customer map[string]any }
				mustOK(t, gql(t, env, agent, `query($id: ID!) { customer(id: $id) { `+fields+` } }`+fragment,
					map[string]any{"id": e.Node["id"]}), &one)
				got, _ := json.Marshal(e.Node)
				want, _ := json.Marshal(one.Customer)
				if string(got) != string(want) {
					t.Errorf("listed %s\nwant     %s", got, want)
				}
			}
		})
	}
	// A cursor needs the sort column even when the client did not select it.
	for _, order := range []string{"RISK_DESC", "NAME_ASC", "UPDATED_DESC", "LAST_CONTACT_ASC", "CREATED_DESC"} {
		t.Run("pages in "+order, func(t *testing.T) {
			walk := func(fields string) []string {
				var ids []string
				after := any(nil)
				for range 10 {
					var page struct {
						Customers struct {
							Edges    []struct{ Node struct{ ID string } }
							PageInfo struct {
								HasNextPage bool
								EndCursor   string
							}
						}
					}
					mustOK(t, gql(t, env, agent, `query($after: String) {customers(first: 2, after: $after, orderBy: `+order+`, filter: {search: "Listed"}) {
						edges { node { `+fields+` } } pageInfo { hasNextPage endCursor } }}`, map[string]any{"after": after}), &page)
					for _, e := range page.Customers.Edges {
						ids = append(ids, e.Node.ID)
					}
					if !page.Customers.PageInfo.HasNextPage {
						return ids
					}
					after = page.Customers.PageInfo.EndCursor
				}
				t.Fatal("more pages than customers")
				return nil
			}
			narrow, wide := walk("id"), walk("id name riskScore updatedAt lastContactAt createdAt details owner { name }")
			if fmt.Sprint(narrow) != fmt.Sprint(wide) || len(narrow) != 6 {
				t.Errorf("selecting only the id paged %v, selecting more paged %v", narrow, wide)
			}
		})
	}
}
