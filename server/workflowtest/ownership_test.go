package workflowtest_test

import (
	"slices"
	"testing"
	"time"

	"github.com/retain-crm/retain"
	"github.com/retain-crm/retain/server/servertest"
)

// TestOwnershipHandover follows a customer's open work (complaint, overdue
// promise, key dates, contact cadence) through reassignment and through its
// owner leaving the company. The reassignment and deactivation rules
// themselves are covered in server/visibility_test.go and users_test.go.
func TestOwnershipHandover(t *testing.T) {
	t.Parallel()
	env := servertest.New(t)
	w := env.W1
	tok := tokens(t, env, w)
	u := func(k string) string { return w.Users[k].ID }
	now := env.Clock.Now()
	const reassign = `mutation($ids:[ID!]!,$o:ID!,$b:ID){reassignCustomers(ids:$ids,ownerId:$o,backupOwnerId:$b){id owner{id} backupOwner{id} ownerDeparted}}`
	const deactivate = `mutation($id:ID!,$s:ID){deactivateUser(id:$id,successorId:$s){id active}}`

	// Each customer of agentA carries open work.
	type book struct {
		customer  *retain.Customer
		complaint complaintOut
		promise   promiseOut
	}
	mk := func(name string, mods ...func(*retain.CustomerInput)) book {
		c := seedCustomer(t, env, w, name, "agentA", mods...)
		k := openComplaint(t, env, tok["agentA"], map[string]any{"customerId": c.ID, "severity": "MEDIUM"})
		p := createPromise(t, env, tok["agentA"], c.ID, "promise to "+name, now.Add(-time.Hour))
		addKeyDate(t, env, tok["agentA"], map[string]any{"customerId": c.ID, "kind": "BIRTHDAY", "label": name + " birthday", "month": int(now.Month()), "day": now.Day()})
		return book{c, k, p}
	}
	one := mk("Reassigned alone")
	many1, many2 := mk("Reassigned together 1"), mk("Reassigned together 2")
	backed := mk("Backed up by B", withBackup(w, "agentB"))
	orphan := mk("No backup")

	canSee := func(t *testing.T, tok string, b book) {
		t.Helper()
		mustOK(t, gql(t, env, tok, complaintQuery, map[string]any{"id": b.complaint.ID}), nil)
		mustOK(t, gql(t, env, tok, resolvePromiseMut, map[string]any{"id": b.promise.ID, "v": b.promise.Version, "s": "KEPT"}), nil)
		logInteraction(t, env, tok, map[string]any{"customerId": b.customer.ID, "channel": "CALL", "summary": "introducing myself as your new manager"})
	}
	cannotSee := func(t *testing.T, tok string, b book) {
		t.Helper()
		wantErr(t, gql(t, env, tok, complaintQuery, map[string]any{"id": b.complaint.ID}), retain.ENOTFOUND, "")
		wantErr(t, gql(t, env, tok, `query($id:ID!){customer(id:$id){id}}`, map[string]any{"id": b.customer.ID}), retain.ENOTFOUND, "")
		wantErr(t, gql(t, env, tok, logInteractionMut, map[string]any{"in": map[string]any{"customerId": b.customer.ID, "channel": "CALL", "summary": "x"}}), retain.ENOTFOUND, "")
	}
	overdueIDs := func(tok string) []string {
		var out struct{ OverduePromises overduePage }
		mustOK(t, gql(t, env, tok, overdueQuery, map[string]any{"first": 100}), &out)
		var ids []string
		for _, n := range out.OverduePromises.Nodes {
			ids = append(ids, n.ID)
		}
		return ids
	}

	t.Run("reassign one", func(t *testing.T) {
		mustOK(t, gql(t, env, tok["admin"], reassign, map[string]any{"ids": []string{one.customer.ID}, "o": u("agentC")}), nil)
		if !slices.Contains(overdueIDs(tok["agentC"]), one.promise.ID) || slices.Contains(overdueIDs(tok["agentA"]), one.promise.ID) {
			t.Error("the overdue promise did not move with the customer")
		}
		if ids := complaintIDs(t, env, tok["agentC"], nil); !slices.Contains(ids, one.complaint.ID) {
			t.Error("agentC's complaint list lacks the reassigned customer's complaint")
		}
		ag := agenda(t, env, tok["agentC"], 7)
		if len(ag.KeyDates) != 1 || ag.KeyDates[0].Customer.Name != "Reassigned alone" {
			t.Errorf("agentC's agenda key dates: %+v", ag.KeyDates)
		}
		cannotSee(t, tok["agentA"], one)
		canSee(t, tok["agentC"], one)
	})

	t.Run("reassign many within the team", func(t *testing.T) {
		var out struct {
			ReassignCustomers []struct {
				Owner       idOf
				BackupOwner *idOf
			}
		}
		mustOK(t, gql(t, env, tok["manager"], reassign, map[string]any{"ids": []string{many1.customer.ID, many2.customer.ID}, "o": u("agentB"), "b": u("agentA")}), &out)
		for _, c := range out.ReassignCustomers {
			if c.Owner.ID != u("agentB") || c.BackupOwner == nil || c.BackupOwner.ID != u("agentA") {
				t.Errorf("reassigned %+v", c)
			}
		}
		for _, b := range []book{many1, many2} {
			canSee(t, tok["agentB"], b)
			// agentA stays on as backup and still sees them.
			mustOK(t, gql(t, env, tok["agentA"], complaintQuery, map[string]any{"id": b.complaint.ID}), nil)
		}
		if n := sqlInt(t, env, "SELECT count(*) FROM audit_log WHERE action = 'customer.reassign' AND actor_user_id = ?", u("manager")); n != 2 {
			t.Errorf("reassign audit rows = %d, want 2", n)
		}
	})

	t.Run("the owner leaves", func(t *testing.T) {
		mustOK(t, gql(t, env, tok["admin"], deactivate, map[string]any{"id": u("agentA"), "s": u("agentC")}), nil)
		var out struct {
			Customers struct {
				Edges []struct {
					Node struct {
						ID            string
						OwnerDeparted bool
						Owner         idOf
					}
				}
			}
		}
		mustOK(t, gql(t, env, tok["admin"], `{customers(first:100,filter:{ownerDeparted:true}){edges{node{id ownerDeparted owner{id}}}}}`, nil), &out)
		owners := map[string]string{}
		for _, e := range out.Customers.Edges {
			owners[e.Node.ID] = e.Node.Owner.ID
		}
		if len(owners) != 2 || owners[backed.customer.ID] != u("agentB") || owners[orphan.customer.ID] != u("agentC") {
			t.Errorf("flagged customers and their new owners: %v", owners)
		}
		// Each handed-over customer raises an OWNER_DEPARTED alert, visible
		// in its timeline to the new owner.
		for _, b := range []book{backed, orphan} {
			if n := sqlInt(t, env, "SELECT count(*) FROM alerts WHERE kind = 'OWNER_DEPARTED' AND customer_id = ?", b.customer.ID); n != 1 {
				t.Errorf("%s: OWNER_DEPARTED alerts = %d, want 1", b.customer.Name, n)
			}
		}
		pg := readTimeline(t, env, tok["agentB"], backed.customer.ID, 1, nil)
		if len(pg.Edges) != 1 || pg.Edges[0].Node.Alert == nil || pg.Edges[0].Node.Alert.Kind != "OWNER_DEPARTED" {
			t.Errorf("newest timeline entry: %+v", pg.Edges)
		}
		// The new owners pick up the open work.
		ag := agenda(t, env, tok["agentB"], 7)
		found := false
		for _, k := range ag.KeyDates {
			found = found || k.Customer.Name == "Backed up by B"
		}
		if !found {
			t.Errorf("agentB's agenda lacks the handed-over customer's key date: %+v", ag.KeyDates)
		}
		if !slices.Contains(overdueIDs(tok["agentB"]), backed.promise.ID) || !slices.Contains(overdueIDs(tok["agentC"]), orphan.promise.ID) {
			t.Error("the overdue promises did not pass to the new owners")
		}
		canSee(t, tok["agentB"], backed)
		canSee(t, tok["agentC"], orphan)
		// The one who left cannot come back in.
		r := gql(t, env, tok["agentA"], complaintQuery, map[string]any{"id": backed.complaint.ID})
		if r.Status != 401 || r.Code() != retain.EUNAUTHENTICATED {
			t.Errorf("departed user's token: HTTP %d %s", r.Status, r.Raw)
		}
		wantErr(t, gql(t, env, "", `mutation($e:String!,$p:String!){login(input:{email:$e,password:$p,client:MOBILE}){accessToken}}`,
			map[string]any{"e": w.Users["agentA"].Email, "p": servertest.Password}), retain.EUNAUTHENTICATED, "")
	})
}
