package workflowtest_test

import (
	"slices"
	"testing"
	"time"

	"github.com/retain-crm/retain"
	"github.com/retain-crm/retain/db"
	"github.com/retain-crm/retain/server/servertest"
)

const (
	promiseFields     = `id description dueAt status overdue resolvedAt resolutionNote version owner{id} customer{id}`
	createPromiseMut  = `mutation($in:CreatePromiseInput!){createPromise(input:$in){` + promiseFields + `}}`
	resolvePromiseMut = `mutation($id:ID!,$v:Int!,$s:PromiseStatus!,$n:String){resolvePromise(id:$id,version:$v,status:$s,note:$n){` + promiseFields + `}}`
	overdueQuery      = `query($first:Int,$after:String){overduePromises(first:$first,after:$after){nodes{id description overdue customer{id}} pageInfo{hasNextPage endCursor}}}`
)

type promiseOut struct {
	ID, Description, DueAt, Status string
	Overdue                        bool
	ResolvedAt                     *string
	ResolutionNote                 string
	Version                        int
	Owner                          idOf
	Customer                       idOf
}

func createPromise(t testing.TB, env *servertest.Env, tok, customerID, what string, due time.Time) promiseOut {
	t.Helper()
	var out struct{ CreatePromise promiseOut }
	mustOK(t, gql(t, env, tok, createPromiseMut, map[string]any{"in": map[string]any{"customerId": customerID, "description": what, "dueAt": ts(due)}}), &out)
	return out.CreatePromise
}

type overduePage struct {
	Nodes []struct {
		ID, Description string
		Overdue         bool
		Customer        idOf
	}
	PageInfo struct {
		HasNextPage bool
		EndCursor   *string
	}
}

func overdue(t testing.TB, env *servertest.Env, tok string) []string {
	t.Helper()
	var out struct{ OverduePromises overduePage }
	mustOK(t, gql(t, env, tok, overdueQuery, map[string]any{"first": 100}), &out)
	var names []string
	for _, n := range out.OverduePromises.Nodes {
		names = append(names, n.Description)
	}
	slices.Sort(names)
	return names
}

func TestPromises(t *testing.T) {
	t.Parallel()
	env := servertest.New(t)
	w := env.W1
	tok := tokens(t, env, w)
	w2 := login(t, env, env.W2, "admin")
	now := env.Clock.Now()
	custA := seedCustomer(t, env, w, "Promised A", "agentA")
	custB := seedCustomer(t, env, w, "Promised B", "agentB")

	t.Run("alone", func(t *testing.T) {
		p := createPromise(t, env, tok["agentA"], custA.ID, "  pay the rebate  ", now.Add(30*24*time.Hour))
		if p.Description != "pay the rebate" || p.Status != "OPEN" || p.Overdue || p.Version != 1 || p.ResolvedAt != nil ||
			p.Owner.ID != w.Users["agentA"].ID || p.Customer.ID != custA.ID {
			t.Errorf("created %+v", p)
		}
		if auditCount(t, env, "promise.create", p.ID) != 1 {
			t.Error("no audit row for promise.create")
		}
		var out struct{ CreatePromise promiseOut }
		mustOK(t, gql(t, env, tok["manager"], createPromiseMut, map[string]any{"in": map[string]any{"customerId": custA.ID, "description": "owned by B",
			"dueAt": ts(now.Add(24 * time.Hour)), "ownerId": w.Users["agentB"].ID}}), &out)
		if out.CreatePromise.Owner.ID != w.Users["agentB"].ID {
			t.Errorf("owner = %s, want agentB", out.CreatePromise.Owner.ID)
		}
	})

	t.Run("from an interaction", func(t *testing.T) {
		it := logInteraction(t, env, tok["agentA"], map[string]any{"customerId": custA.ID, "channel": "VISIT", "summary": "promised delivery",
			"promise": map[string]any{"description": "deliver the spare parts", "dueAt": ts(now.Add(7 * 24 * time.Hour))}})
		if n := sqlInt(t, env, "SELECT count(*) FROM promises WHERE interaction_id = ? AND description = 'deliver the spare parts' AND status = 'OPEN' AND owner_id = ?",
			it.ID, w.Users["agentA"].ID); n != 1 {
			t.Errorf("promises linked to the interaction = %d, want 1", n)
		}
		var out struct {
			Customer struct{ Promises struct{ Nodes []promiseOut } }
		}
		mustOK(t, gql(t, env, tok["agentA"], `query($id:ID!){customer(id:$id){promises(first:50){nodes{`+promiseFields+`}}}}`, map[string]any{"id": custA.ID}), &out)
		found := false
		for _, p := range out.Customer.Promises.Nodes {
			found = found || p.Description == "deliver the spare parts"
		}
		if !found {
			t.Errorf("customer.promises lacks the interaction's promise: %+v", out.Customer.Promises.Nodes)
		}
	})

	t.Run("rejected creates", func(t *testing.T) {
		in := func(k string, v any) map[string]any {
			m := map[string]any{"customerId": custA.ID, "description": "x", "dueAt": ts(now.Add(time.Hour))}
			m[k] = v
			return m
		}
		before := dbState(t, env)
		for _, tc := range []struct {
			name, tok   string
			in          map[string]any
			code, field string
		}{
			{"empty description", tok["agentA"], in("description", " "), retain.EINVALID, "input.description"},
			{"due 6 years ahead", tok["agentA"], in("dueAt", ts(now.AddDate(6, 0, 0))), retain.EINVALID, "input.dueAt"},
			{"due 2 years ago", tok["agentA"], in("dueAt", ts(now.AddDate(-2, 0, 0))), retain.EINVALID, "input.dueAt"},
			{"owner is a viewer", tok["agentA"], in("ownerId", w.Users["viewer"].ID), retain.EINVALID, "input.promise.ownerId"},
			{"owner of W2", tok["agentA"], in("ownerId", env.W2.Users["agentA"].ID), retain.EINVALID, "input.promise.ownerId"},
			{"customer of another agent", tok["agentA"], in("customerId", custB.ID), retain.ENOTFOUND, ""},
			{"W1 customer from W2", w2, in("customerId", custA.ID), retain.ENOTFOUND, ""},
			{"unknown customer", tok["agentA"], in("customerId", db.NewID()), retain.ENOTFOUND, ""},
			{"viewer", tok["viewer"], in("description", "x"), retain.EFORBIDDEN, ""},
		} {
			t.Run(tc.name, func(t *testing.T) {
				wantErr(t, gql(t, env, tc.tok, createPromiseMut, map[string]any{"in": tc.in}), tc.code, tc.field)
			})
		}
		unchanged(t, env, before)
	})

	t.Run("resolve", func(t *testing.T) {
		for _, status := range []string{"KEPT", "BROKEN", "CANCELLED"} {
			t.Run(status, func(t *testing.T) {
				p := createPromise(t, env, tok["agentA"], custA.ID, "to be "+status, now.Add(48*time.Hour))
				var out struct{ ResolvePromise promiseOut }
				mustOK(t, gql(t, env, tok["agentA"], resolvePromiseMut, map[string]any{"id": p.ID, "v": p.Version, "s": status, "n": "done by phone"}), &out)
				r := out.ResolvePromise
				if r.Status != status || r.Version != 2 || r.ResolvedAt == nil || !parseTime(t, *r.ResolvedAt).Equal(now) || r.ResolutionNote != "done by phone" || r.Overdue {
					t.Errorf("resolved %+v", r)
				}
				if n := sqlInt(t, env, "SELECT count(*) FROM audit_log WHERE action = 'promise.resolve' AND entity_id = ? AND before->>'Status' = 'OPEN' AND after->>'Status' = ?",
					p.ID, status); n != 1 {
					t.Errorf("audit rows with before/after = %d, want 1", n)
				}
				alerts := sqlInt(t, env, "SELECT count(*) FROM alerts WHERE kind = 'PROMISE_BROKEN' AND subject_id = ? AND customer_id = ?", p.ID, custA.ID)
				if want := map[bool]int{true: 1, false: 0}[status == "BROKEN"]; alerts != want {
					t.Errorf("PROMISE_BROKEN alerts = %d, want %d", alerts, want)
				}

				before := dbState(t, env)
				wantErr(t, gql(t, env, tok["agentA"], resolvePromiseMut, map[string]any{"id": p.ID, "v": r.Version, "s": "KEPT"}), retain.EINVALID, "status")
				wantErr(t, gql(t, env, tok["agentA"], resolvePromiseMut, map[string]any{"id": p.ID, "v": p.Version, "s": "KEPT"}), retain.ECONFLICT, "")
				unchanged(t, env, before)
			})
		}
		t.Run("broken promise shows in the timeline as an alert", func(t *testing.T) {
			pg := readTimeline(t, env, tok["agentA"], custA.ID, 100, nil)
			found := false
			for _, e := range pg.Edges {
				found = found || (e.Node.Alert != nil && e.Node.Alert.Kind == "PROMISE_BROKEN")
			}
			if !found {
				t.Error("no PROMISE_BROKEN alert in the timeline")
			}
		})
	})

	t.Run("rejected resolves", func(t *testing.T) {
		p := createPromise(t, env, tok["agentA"], custA.ID, "left open", now.Add(48*time.Hour))
		pb := createPromise(t, env, tok["agentB"], custB.ID, "B's", now.Add(48*time.Hour))
		before := dbState(t, env)
		for _, tc := range []struct {
			name, tok, id string
			version       int
			status        string
			code, field   string
		}{
			{"to OPEN", tok["agentA"], p.ID, 1, "OPEN", retain.EINVALID, "status"},
			{"stale version", tok["agentA"], p.ID, 0, "KEPT", retain.ECONFLICT, ""},
			{"future version", tok["agentA"], p.ID, 2, "KEPT", retain.ECONFLICT, ""},
			{"another agent's", tok["agentA"], pb.ID, 1, "KEPT", retain.ENOTFOUND, ""},
			{"from W2", w2, p.ID, 1, "KEPT", retain.ENOTFOUND, ""},
			{"unknown", tok["agentA"], db.NewID(), 1, "KEPT", retain.ENOTFOUND, ""},
			{"garbage id", tok["agentA"], "p-1", 1, "KEPT", retain.ENOTFOUND, ""},
			{"viewer", tok["viewer"], p.ID, 1, "KEPT", retain.EFORBIDDEN, ""},
		} {
			t.Run(tc.name, func(t *testing.T) {
				wantErr(t, gql(t, env, tc.tok, resolvePromiseMut, map[string]any{"id": tc.id, "v": tc.version, "s": tc.status}), tc.code, tc.field)
			})
		}
		unchanged(t, env, before)
	})

	t.Run("customer promises page by page", func(t *testing.T) {
		const q = `query($id:ID!,$first:Int,$after:String){customer(id:$id){promises(first:$first,after:$after){nodes{id dueAt} pageInfo{hasNextPage endCursor}}}}`
		type page struct {
			Customer struct {
				Promises struct {
					Nodes    []struct{ ID, DueAt string }
					PageInfo struct {
						HasNextPage bool
						EndCursor   *string
					}
				}
			}
		}
		var whole page
		mustOK(t, gql(t, env, tok["agentA"], q, map[string]any{"id": custA.ID, "first": 100}), &whole)
		var ids []string
		var after any
		for range 50 {
			var p page
			mustOK(t, gql(t, env, tok["agentA"], q, map[string]any{"id": custA.ID, "first": 2, "after": after}), &p)
			for _, n := range p.Customer.Promises.Nodes {
				ids = append(ids, n.ID)
			}
			if !p.Customer.Promises.PageInfo.HasNextPage {
				break
			}
			after = *p.Customer.Promises.PageInfo.EndCursor
		}
		var want []string
		for i, n := range whole.Customer.Promises.Nodes {
			want = append(want, n.ID)
			if i > 0 && parseTime(t, n.DueAt).Before(parseTime(t, whole.Customer.Promises.Nodes[i-1].DueAt)) {
				t.Errorf("promises not soonest due first")
			}
		}
		if len(want) < 5 || !slices.Equal(ids, want) {
			t.Errorf("paged %v, whole %v", ids, want)
		}
	})

	// Time travel last: the clock moves for the whole environment.
	t.Run("overdue with no write", func(t *testing.T) {
		exec(t, env, "UPDATE promises SET status = 'CANCELLED', resolved_at = now() WHERE status = 'OPEN'")
		createPromise(t, env, tok["agentA"], custA.ID, "A due in 2 days", now.Add(48*time.Hour))
		createPromise(t, env, tok["agentA"], custA.ID, "A due in 10 days", now.Add(240*time.Hour))
		createPromise(t, env, tok["agentB"], custB.ID, "B due in 2 days", now.Add(48*time.Hour))
		if got := overdue(t, env, tok["manager"]); len(got) != 0 {
			t.Fatalf("overdue before the due date: %v", got)
		}
		rows := dbState(t, env)

		env.Clock.Advance(72 * time.Hour)
		tok := tokens(t, env, w)
		if got, want := overdue(t, env, tok["agentA"]), []string{"A due in 2 days"}; !slices.Equal(got, want) {
			t.Errorf("agentA overdue = %v, want %v", got, want)
		}
		if got, want := overdue(t, env, tok["agentB"]), []string{"B due in 2 days"}; !slices.Equal(got, want) {
			t.Errorf("agentB overdue = %v, want %v", got, want)
		}
		if got, want := overdue(t, env, tok["manager"]), []string{"A due in 2 days", "B due in 2 days"}; !slices.Equal(got, want) {
			t.Errorf("manager overdue = %v, want %v", got, want)
		}
		if got := overdue(t, env, tok["agentC"]); len(got) != 0 {
			t.Errorf("agentC overdue = %v", got)
		}
		if got := overdue(t, env, login(t, env, env.W2, "admin")); len(got) != 0 {
			t.Errorf("W2 admin overdue = %v", got)
		}
		unchanged(t, env, rows) // nobody wrote anything

		// Pages of one.
		var first struct{ OverduePromises overduePage }
		mustOK(t, gql(t, env, tok["manager"], overdueQuery, map[string]any{"first": 1}), &first)
		if len(first.OverduePromises.Nodes) != 1 || !first.OverduePromises.PageInfo.HasNextPage {
			t.Fatalf("first page = %+v", first.OverduePromises)
		}
		var second struct{ OverduePromises overduePage }
		mustOK(t, gql(t, env, tok["manager"], overdueQuery, map[string]any{"first": 1, "after": first.OverduePromises.PageInfo.EndCursor}), &second)
		if len(second.OverduePromises.Nodes) != 1 || second.OverduePromises.PageInfo.HasNextPage ||
			second.OverduePromises.Nodes[0].ID == first.OverduePromises.Nodes[0].ID {
			t.Errorf("second page = %+v", second.OverduePromises)
		}

		t.Run("the next write treats it as broken", func(t *testing.T) {
			logInteraction(t, env, tok["agentA"], map[string]any{"customerId": custA.ID, "channel": "CALL", "summary": "checking in"})
			if n := sqlInt(t, env, "SELECT count(*) FROM alerts a JOIN promises p ON p.id = a.subject_id WHERE a.kind = 'PROMISE_BROKEN' AND p.description = 'A due in 2 days'"); n != 1 {
				t.Errorf("PROMISE_BROKEN alerts for the overdue promise = %d, want 1", n)
			}
			var out struct {
				Customer struct{ RiskFactors []struct{ Key string } }
			}
			mustOK(t, gql(t, env, tok["agentA"], `query($id:ID!){customer(id:$id){riskFactors{key}}}`, map[string]any{"id": custA.ID}), &out)
			if len(out.Customer.RiskFactors) == 0 {
				t.Error("the overdue promise adds no risk factor")
			}
		})

		t.Run("Promise.overdue follows the server clock", func(t *testing.T) {
			var out struct{ OverduePromises overduePage }
			mustOK(t, gql(t, env, tok["agentA"], overdueQuery, map[string]any{"first": 10}), &out)
			for _, n := range out.OverduePromises.Nodes {
				if !n.Overdue {
					t.Errorf("%s: overdue = false", n.Description)
				}
			}
		})
	})
}
