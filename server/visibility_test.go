package server_test

import (
	"slices"
	"testing"

	"github.com/retain-crm/retain"
	"github.com/retain-crm/retain/db"
	"github.com/retain-crm/retain/server/servertest"
)

// visibilityFixture is a W1 book of customers spread over the team, plus
// one W2 customer.
type visibilityFixture struct {
	env   *servertest.Env
	tok   map[string]string // W1 users by key
	tok2  string            // W2 admin
	ids   map[string]string // customer name → id
	w2    string            // the W2 customer's id
	names []string          // every W1 customer
}

func newVisibilityFixture(t *testing.T) *visibilityFixture {
	env := servertest.New(t)
	w := env.W1
	f := &visibilityFixture{env: env, tok: tokens(t, env, w), tok2: login(t, env, env.W2, "admin").Access, ids: map[string]string{}}
	u := func(k string) string { return w.Users[k].ID }
	ptr := func(s string) *string { return &s }
	for _, c := range []struct {
		name          string
		owner, backup string
	}{
		{"A", "agentA", ""}, {"B", "agentB", ""}, {"A+B", "agentA", "agentB"}, {"C", "agentC", ""},
		{"C+A", "agentC", "agentA"}, {"M", "manager", ""}, {"Adm", "admin", ""},
	} {
		in := retain.CustomerInput{Name: c.name, OwnerID: u(c.owner)}
		if c.backup != "" {
			in.BackupOwnerID = ptr(u(c.backup))
		}
		f.ids[c.name] = seedCustomer(t, env, w, in).ID
		f.names = append(f.names, c.name)
	}
	f.w2 = seedCustomer(t, env, env.W2, retain.CustomerInput{Name: "W2", OwnerID: env.W2.Users["agentA"].ID}).ID
	return f
}

func TestVisibility(t *testing.T) {
	t.Parallel()
	f := newVisibilityFixture(t)
	env := f.env
	team := []string{"A", "B", "A+B", "C+A", "M"}
	for _, tc := range []struct {
		who  string
		tok  string
		sees []string
	}{
		{"agentA", f.tok["agentA"], []string{"A", "A+B", "C+A"}},
		{"agentB", f.tok["agentB"], []string{"B", "A+B"}},
		{"agentC", f.tok["agentC"], []string{"C", "C+A"}},
		{"manager", f.tok["manager"], team},
		{"viewer", f.tok["viewer"], team},
		{"admin", f.tok["admin"], f.names},
		{"W2 admin", f.tok2, []string{"W2"}},
	} {
		t.Run(tc.who, func(t *testing.T) {
			t.Parallel()
			list := listCustomers(t, env, tc.tok, nil)
			if !sameSet(list.names(), tc.sees) || list.TotalCount != len(tc.sees) {
				t.Errorf("sees %q (total %d), want %q", list.names(), list.TotalCount, tc.sees)
			}
			for name, id := range f.ids {
				r := gql(t, env, tc.tok, `query($id:ID!){customer(id:$id){name owner{name}}}`, map[string]any{"id": id})
				if slices.Contains(tc.sees, name) {
					mustOK(t, r, nil)
				} else {
					// Hidden and missing look the same: NOT_FOUND, never FORBIDDEN.
					wantErr(t, r, retain.ENOTFOUND, "")
				}
			}
			var types struct {
				RelationshipTypes []struct{ CustomerCount int }
			}
			mustOK(t, gql(t, env, tc.tok, `{relationshipTypes{customerCount}}`, nil), &types)
			sum := 0
			for _, rt := range types.RelationshipTypes {
				sum += rt.CustomerCount
			}
			if sum != len(tc.sees) {
				t.Errorf("relationshipTypes.customerCount sums to %d, want %d", sum, len(tc.sees))
			}
		})
	}
}

func TestHiddenCustomersCannotBeWritten(t *testing.T) {
	t.Parallel()
	f := newVisibilityFixture(t)
	env := f.env
	before := dbState(t, env)
	for _, tc := range []struct {
		who, tok, target string
	}{
		{"agentA on B", f.tok["agentA"], f.ids["B"]},
		{"agentB on C+A", f.tok["agentB"], f.ids["C+A"]},
		{"agentC on Adm", f.tok["agentC"], f.ids["Adm"]},
		{"manager on C", f.tok["manager"], f.ids["C"]},
		{"manager on Adm", f.tok["manager"], f.ids["Adm"]},
		{"W2 admin on A", f.tok2, f.ids["A"]},
		{"W1 admin on W2", f.tok["admin"], f.w2},
	} {
		t.Run(tc.who, func(t *testing.T) {
			t.Parallel()
			v := map[string]any{"id": tc.target, "v": 1}
			wantErr(t, gql(t, env, tc.tok, `query($id:ID!){customer(id:$id){id}}`, map[string]any{"id": tc.target}), retain.ENOTFOUND, "")
			wantErr(t, gql(t, env, tc.tok, updateCustomerMut, map[string]any{"id": tc.target, "v": 1, "in": map[string]any{"name": "pwned"}}), retain.ENOTFOUND, "")
			wantErr(t, gql(t, env, tc.tok, `mutation($id:ID!,$v:Int!){archiveCustomer(id:$id,version:$v){id}}`, v), retain.ENOTFOUND, "")
			// A stale version on a hidden customer must not reveal it exists.
			wantErr(t, gql(t, env, tc.tok, `mutation($id:ID!,$v:Int!){archiveCustomer(id:$id,version:$v){id}}`, map[string]any{"id": tc.target, "v": 99}), retain.ENOTFOUND, "")
			in := customerIn(env.W1, "Referred", "agentA")
			in["referredById"] = tc.target
			r := gql(t, env, tc.tok, createCustomerMut, map[string]any{"in": in})
			if r.Code() != retain.EINVALID && r.Code() != retain.ENOTFOUND {
				t.Errorf("referring to a hidden customer: %s", r.Raw)
			}
		})
	}
	t.Cleanup(func() { unchanged(t, env, before) })
}

func TestViewerIsReadOnly(t *testing.T) {
	t.Parallel()
	f := newVisibilityFixture(t)
	env := f.env
	w := env.W1
	viewer := f.tok["viewer"]
	var types struct{ RelationshipTypes []struct{ ID string } }
	mustOK(t, gql(t, env, viewer, `{relationshipTypes{id}}`, nil), &types)
	mustOK(t, gql(t, env, viewer, `query($id:ID!){customer(id:$id){id}}`, map[string]any{"id": f.ids["A"]}), nil)
	mustOK(t, gql(t, env, viewer, `{users{id}}`, nil), nil)
	before := dbState(t, env)
	for _, tc := range []struct {
		name, query string
		vars        map[string]any
	}{
		{"createCustomer", createCustomerMut, map[string]any{"in": customerIn(w, "x", "manager")}},
		{"updateCustomer", updateCustomerMut, map[string]any{"id": f.ids["A"], "v": 1, "in": map[string]any{"name": "x"}}},
		{"archiveCustomer", `mutation($id:ID!){archiveCustomer(id:$id,version:1){id}}`, map[string]any{"id": f.ids["A"]}},
		{"reassignCustomers", `mutation($ids:[ID!]!,$o:ID!){reassignCustomers(ids:$ids,ownerId:$o){id}}`, map[string]any{"ids": []string{f.ids["A"]}, "o": w.Users["agentB"].ID}},
		{"createRelationshipType", createTypeMut, map[string]any{"in": typeIn("Viewer's")}},
		{"updateRelationshipType", updateTypeMut, map[string]any{"id": types.RelationshipTypes[0].ID, "v": 1, "in": typeIn("x")}},
		{"createUser", createUserMut, map[string]any{"in": userIn("v@one.test", "AGENT")}},
		{"updateUser", `mutation($id:ID!){updateUser(id:$id,version:1,input:{name:"x"}){id}}`, map[string]any{"id": w.Users["agentA"].ID}},
		{"deactivateUser", `mutation($id:ID!){deactivateUser(id:$id){id}}`, map[string]any{"id": w.Users["agentA"].ID}},
		{"createApiToken", createTokenMut, map[string]any{"in": map[string]any{"name": "x", "scopes": []string{"customers:read"}, "expiresInDays": 1}}},
		{"apiTokens", `{apiTokens{id}}`, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			wantErr(t, gql(t, env, viewer, tc.query, tc.vars), retain.EFORBIDDEN, "")
		})
	}
	t.Cleanup(func() { unchanged(t, env, before) })
}

// TestCrossWorkspaceReferences feeds W2 ids into every W1 input: each is
// refused as missing or invalid, never accepted.
func TestCrossWorkspaceReferences(t *testing.T) {
	t.Parallel()
	f := newVisibilityFixture(t)
	env := f.env
	w1, w2 := env.W1, env.W2
	admin := f.tok["admin"]
	var tok struct {
		CreateAPIToken struct {
			APIToken struct{ ID string } `json:"apiToken"`
		}
	}
	mustOK(t, gql(t, env, f.tok2, createTokenMut, map[string]any{"in": map[string]any{"name": "w2", "scopes": []string{"customers:read"}, "expiresInDays": 1}}), &tok)
	w2Token := tok.CreateAPIToken.APIToken.ID
	u2 := func(k string) string { return w2.Users[k].ID }
	withField := func(k string, v any) map[string]any {
		in := customerIn(w1, "Cross", "agentA")
		in[k] = v
		return in
	}
	const reassign = `mutation($ids:[ID!]!,$o:ID!,$b:ID){reassignCustomers(ids:$ids,ownerId:$o,backupOwnerId:$b){id}}`

	before := dbState(t, env)
	for _, tc := range []struct {
		name, query string
		vars        map[string]any
	}{
		{"customer(id)", `query($id:ID!){customer(id:$id){id}}`, map[string]any{"id": f.w2}},
		{"updateCustomer", updateCustomerMut, map[string]any{"id": f.w2, "v": 1, "in": map[string]any{"name": "x"}}},
		{"archiveCustomer", `mutation($id:ID!){archiveCustomer(id:$id,version:1){id}}`, map[string]any{"id": f.w2}},
		{"reassign W2 customer", reassign, map[string]any{"ids": []string{f.w2}, "o": w1.Users["agentB"].ID}},
		{"reassign to W2 owner", reassign, map[string]any{"ids": []string{f.ids["A"]}, "o": u2("agentB")}},
		{"reassign to W2 backup", reassign, map[string]any{"ids": []string{f.ids["A"]}, "o": w1.Users["agentB"].ID, "b": u2("agentB")}},
		{"createCustomer W2 owner", createCustomerMut, map[string]any{"in": withField("ownerId", u2("agentA"))}},
		{"createCustomer W2 backup", createCustomerMut, map[string]any{"in": withField("backupOwnerId", u2("agentB"))}},
		{"createCustomer W2 type", createCustomerMut, map[string]any{"in": withField("relationshipTypeId", w2.RelationshipTypeID)}},
		{"createCustomer W2 referrer", createCustomerMut, map[string]any{"in": withField("referredById", f.w2)}},
		{"updateCustomer W2 type", updateCustomerMut, map[string]any{"id": f.ids["A"], "v": 1, "in": map[string]any{"relationshipTypeId": w2.RelationshipTypeID}}},
		{"user(id)", `query($id:ID!){user(id:$id){id}}`, map[string]any{"id": u2("agentA")}},
		{"updateUser", `mutation($id:ID!){updateUser(id:$id,version:1,input:{name:"x"}){id}}`, map[string]any{"id": u2("agentA")}},
		{"updateUser W2 manager", `mutation($id:ID!,$m:ID!){updateUser(id:$id,version:1,input:{managerId:$m}){id}}`, map[string]any{"id": w1.Users["agentC"].ID, "m": u2("manager")}},
		{"deactivateUser", `mutation($id:ID!){deactivateUser(id:$id){id}}`, map[string]any{"id": u2("agentA")}},
		{"deactivateUser W2 successor", `mutation($id:ID!,$s:ID){deactivateUser(id:$id,successorId:$s){id}}`, map[string]any{"id": w1.Users["agentC"].ID, "s": u2("agentA")}},
		{"createUser W2 manager", createUserMut, map[string]any{"in": func() map[string]any {
			in := userIn("cross@one.test", "AGENT")
			in["managerId"] = u2("manager")
			return in
		}()}},
		{"updateRelationshipType", updateTypeMut, map[string]any{"id": w2.RelationshipTypeID, "v": 1, "in": typeIn("x")}},
		{"revokeApiToken", `mutation($id:ID!){revokeApiToken(id:$id){id}}`, map[string]any{"id": w2Token}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := gql(t, env, admin, tc.query, tc.vars)
			if c := r.Code(); c != retain.ENOTFOUND && c != retain.EINVALID {
				t.Errorf("code %q, want NOT_FOUND or BAD_USER_INPUT: %s", c, r.Raw)
			}
		})
	}
	t.Run("filter on W2 owner finds nothing", func(t *testing.T) {
		t.Parallel()
		c := listCustomers(t, env, admin, map[string]any{"filter": map[string]any{"ownerIds": []string{u2("agentA")}, "relationshipTypeIds": []string{w2.RelationshipTypeID}}})
		if len(c.Edges) != 0 || c.TotalCount != 0 {
			t.Errorf("found %v", c.names())
		}
	})
	t.Cleanup(func() { unchanged(t, env, before) })
}

func TestReassignCustomers(t *testing.T) {
	t.Parallel()
	f := newVisibilityFixture(t)
	env := f.env
	w := env.W1
	u := func(k string) string { return w.Users[k].ID }
	const reassign = `mutation($ids:[ID!]!,$o:ID!,$b:ID){reassignCustomers(ids:$ids,ownerId:$o,backupOwnerId:$b){id version owner{id} backupOwner{id} ownerDeparted}}`
	owner := func(name string) string {
		var s string
		if err := env.DB.QueryRowContext(t.Context(), "SELECT owner_id::text FROM customers WHERE id = ?", f.ids[name]).Scan(&s); err != nil {
			t.Fatal(err)
		}
		return s
	}

	before := dbState(t, env)
	for _, tc := range []struct {
		name, who string
		ids       []string
		owner     string
		backup    any
		code      string
		field     string
	}{
		{"agent may not", "agentA", []string{f.ids["A"]}, u("agentB"), nil, retain.EFORBIDDEN, ""},
		{"viewer may not", "viewer", []string{f.ids["A"]}, u("agentB"), nil, retain.EFORBIDDEN, ""},
		{"manager outside the team", "manager", []string{f.ids["B"]}, u("agentC"), nil, retain.EINVALID, "ownerId"},
		{"manager, backup outside the team", "manager", []string{f.ids["B"]}, u("agentA"), u("agentC"), retain.EINVALID, "backupOwnerId"},
		{"manager, customer outside the team", "manager", []string{f.ids["C"]}, u("agentA"), nil, retain.ENOTFOUND, ""},
		{"to a viewer", "admin", []string{f.ids["A"]}, u("viewer"), nil, retain.EINVALID, "ownerId"},
		{"owner is backup", "admin", []string{f.ids["A"]}, u("agentB"), u("agentB"), retain.EINVALID, "backupOwnerId"},
		{"no ids", "admin", []string{}, u("agentB"), nil, retain.EINVALID, "ids"},
		{"owner not an id", "admin", []string{f.ids["A"]}, "x", nil, retain.EINVALID, "ownerId"},
		{"all or nothing", "admin", []string{f.ids["A"], db.NewID()}, u("agentB"), nil, retain.ENOTFOUND, ""},
		{"garbage id", "admin", []string{f.ids["A"], "x"}, u("agentB"), nil, retain.ENOTFOUND, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			wantErr(t, gql(t, env, f.tok[tc.who], reassign, map[string]any{"ids": tc.ids, "o": tc.owner, "b": tc.backup}), tc.code, tc.field)
		})
	}
	unchanged(t, env, before)

	t.Run("manager within the team", func(t *testing.T) {
		var out struct {
			ReassignCustomers []struct {
				Version int
				Owner   struct{ ID string }
			}
		}
		mustOK(t, gql(t, env, f.tok["manager"], reassign, map[string]any{"ids": []string{f.ids["A"], f.ids["B"]}, "o": u("agentB"), "b": u("agentA")}), &out)
		if owner("A") != u("agentB") || owner("B") != u("agentB") || len(out.ReassignCustomers) != 2 || out.ReassignCustomers[0].Version != 2 {
			t.Errorf("after reassign: %+v", out)
		}
		if n := sqlInt(t, env, "SELECT count(*) FROM audit_log WHERE action = 'customer.reassign'"); n != 2 {
			t.Errorf("reassign audit rows = %d, want 2", n)
		}
	})
	t.Run("repeated id counts once", func(t *testing.T) {
		var out struct {
			ReassignCustomers []struct{ Version int }
		}
		v := sqlInt(t, env, "SELECT version FROM customers WHERE id = ?", f.ids["M"])
		mustOK(t, gql(t, env, f.tok["admin"], reassign, map[string]any{"ids": []string{f.ids["M"], f.ids["M"]}, "o": u("agentC")}), &out)
		if len(out.ReassignCustomers) != 1 || out.ReassignCustomers[0].Version != v+1 || sqlInt(t, env, "SELECT version FROM customers WHERE id = ?", f.ids["M"]) != v+1 {
			t.Errorf("reassign [M, M]: %+v", out)
		}
	})
	t.Run("admin anywhere, clears owner departed", func(t *testing.T) {
		exec(t, env, "UPDATE customers SET owner_departed = true WHERE id = ?", f.ids["C"])
		var out struct {
			ReassignCustomers []struct{ OwnerDeparted bool }
		}
		mustOK(t, gql(t, env, f.tok["admin"], reassign, map[string]any{"ids": []string{f.ids["C"]}, "o": u("agentA")}), &out)
		if owner("C") != u("agentA") || out.ReassignCustomers[0].OwnerDeparted {
			t.Errorf("after reassign: owner %s, %+v", owner("C"), out)
		}
		// agentA now sees it; agentC no longer does.
		wantErr(t, gql(t, env, f.tok["agentC"], `query($id:ID!){customer(id:$id){id}}`, map[string]any{"id": f.ids["C"]}), retain.ENOTFOUND, "")
		mustOK(t, gql(t, env, f.tok["agentA"], `query($id:ID!){customer(id:$id){id}}`, map[string]any{"id": f.ids["C"]}), nil)
	})
}
