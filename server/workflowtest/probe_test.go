package workflowtest_test

// The visibility probe suite (issue 3, item 9): for every query and
// mutation of the retention workflow, an actor tries ids that are not
// theirs and gets NOT_FOUND (or FORBIDDEN for a role), never data; lists and
// aggregates hold only what the actor may see.

import (
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/retain-crm/retain"
	"github.com/retain-crm/retain/db"
	"github.com/retain-crm/retain/server/servertest"
)

// bundle is one agent's book: a customer with every kind of attached
// record, and a lost customer with win-back steps.
type bundle struct {
	customer, ext, interaction, interactionExt, promise string
	complaint, step, keyDate, order, orderExt, lost     string
	steps, winBackSteps                                 []string
	playbook, winBackPlaybook, lossReason, customerName string
}

type probeFixture struct {
	env    *servertest.Env
	tok    map[string]string // W1 users
	w1erp  string            // W1 token, every scope
	w2     map[string]string // W2 users
	w2erp  string            // W2 token, every scope
	books  map[string]*bundle
	w2book *bundle
}

func newProbeFixture(t *testing.T) *probeFixture {
	env := servertest.New(t)
	f := &probeFixture{env: env, tok: tokens(t, env, env.W1), w2: tokens(t, env, env.W2), books: map[string]*bundle{}}
	f.w1erp = apiToken(t, env, f.tok["admin"], allScopes...)
	f.w2erp = apiToken(t, env, f.w2["admin"], allScopes...)
	now := env.Clock.Now()
	mk := func(w *servertest.Workspace, tok map[string]string, key, reason string, amount, cost float64) *bundle {
		suffix := map[*servertest.Workspace]string{env.W1: "w1", env.W2: "w2"}[w]
		b := &bundle{customerName: "Book of " + key + " " + suffix}
		b.ext = "EXT-" + key + "-" + suffix
		c := seedCustomer(t, env, w, b.customerName, key, withExternalID(b.ext))
		b.customer = c.ID
		b.interactionExt = "IT-" + key + "-" + suffix
		var it struct{ LogInteraction struct{ ID string } }
		mustOK(t, gql(t, env, tok[key], `mutation($in:LogInteractionInput!){logInteraction(input:$in){id}}`, map[string]any{"in": map[string]any{
			"customerId": c.ID, "channel": "CALL", "summary": "secret summary of " + key, "externalId": b.interactionExt, "sentiment": -2}}), &it)
		b.interaction = it.LogInteraction.ID
		b.promise = createPromise(t, env, tok[key], c.ID, "secret promise of "+key, now.Add(-time.Hour)).ID
		k := openComplaint(t, env, tok[key], map[string]any{"customerId": c.ID, "severity": "HIGH", "description": "secret complaint of " + key})
		b.complaint = k.ID
		for _, s := range k.Steps {
			b.steps = append(b.steps, s.ID)
		}
		b.step = b.steps[0]
		b.keyDate = addKeyDate(t, env, tok[key], map[string]any{"customerId": c.ID, "kind": "BIRTHDAY", "label": "secret birthday of " + key,
			"month": int(now.Month()), "day": now.Day()}).ID
		b.orderExt = "ORD-" + key + "-" + suffix
		o, err := (&db.ValueService{DB: env.DB}).RecordOrder(w.Actor("admin"), retain.OrderInput{CustomerID: c.ID, ExternalID: &b.orderExt,
			Amount: amount, Cost: cost, OrderedAt: now.Add(-24 * time.Hour)})
		if err != nil {
			t.Fatal(err)
		}
		b.order = o.ID
		lost := seedCustomer(t, env, w, "Lost book of "+key, key)
		b.lost = lost.ID
		lr := lossReasonIDs(t, env, tok["admin"])
		s := loseCustomer(t, env, tok[key], lost.ID, lr[reason], true)
		for _, st := range s.WinBackSteps {
			b.winBackSteps = append(b.winBackSteps, st.ID)
		}
		b.lossReason = lr[reason]
		pbs := playbooks(t, env, tok["admin"])
		b.playbook, b.winBackPlaybook = pbs["SERVICE_RECOVERY"].ID, pbs["WIN_BACK"].ID
		return b
	}
	f.books["agentA"] = mk(env.W1, f.tok, "agentA", "PRICE", 1000, 400)
	f.books["agentB"] = mk(env.W1, f.tok, "agentB", "COMPETITOR", 500, 600) // a loss-making customer
	f.books["agentC"] = mk(env.W1, f.tok, "agentC", "QUALITY", 300, 100)
	f.w2book = mk(env.W2, f.w2, "agentA", "PRICE", 50, 10)
	return f
}

// probe is one operation aimed at a victim's records by an attacker whose
// own records are in own.
type probe struct {
	name string
	// mutation probes are also run by the viewer on data it can see.
	mutation bool
	// role is the minimum standing needed regardless of ids:
	// "" anyone who reads, "write" agents and up, "orders" managers and
	// order tokens, "contracts" managers (never tokens), "user" a signed-in user.
	role  string
	query string
	vars  func(victim, own *bundle) map[string]any
}

var probes = []probe{
	{"interaction", false, "", `query($id:ID!){interaction(id:$id){id summary}}`,
		func(v, _ *bundle) map[string]any { return map[string]any{"id": v.interaction} }},
	{"customer.timeline", false, "", `query($id:ID!){customer(id:$id){timeline{edges{node{kind interaction{summary}}}}}}`,
		func(v, _ *bundle) map[string]any { return map[string]any{"id": v.customer} }},
	{"customer.promises", false, "", `query($id:ID!){customer(id:$id){promises{nodes{description}}}}`,
		func(v, _ *bundle) map[string]any { return map[string]any{"id": v.customer} }},
	{"complaint with steps", false, "", `query($id:ID!){complaint(id:$id){description steps{title} totalCost}}`,
		func(v, _ *bundle) map[string]any { return map[string]any{"id": v.complaint} }},
	{"customer.complaints", false, "", `query($id:ID!){customer(id:$id){complaints{edges{node{description}}}}}`,
		func(v, _ *bundle) map[string]any { return map[string]any{"id": v.customer} }},
	{"customer.winBackSteps", false, "", `query($id:ID!){customer(id:$id){winBackSteps{title}}}`,
		func(v, _ *bundle) map[string]any { return map[string]any{"id": v.lost} }},
	{"customer.orders", false, "", `query($id:ID!){customer(id:$id){orders{nodes{amount}}}}`,
		func(v, _ *bundle) map[string]any { return map[string]any{"id": v.customer} }},
	{"customer.profit", false, "", `query($id:ID!){customer(id:$id){profit{profit revenue}}}`,
		func(v, _ *bundle) map[string]any { return map[string]any{"id": v.customer} }},
	{"customer.keyDates", false, "", `query($id:ID!){customer(id:$id){keyDates{label}}}`,
		func(v, _ *bundle) map[string]any { return map[string]any{"id": v.customer} }},

	{"logInteraction", true, "write", `mutation($c:ID!){logInteraction(input:{customerId:$c,channel:CALL,summary:"probe"}){id}}`,
		func(v, _ *bundle) map[string]any { return map[string]any{"c": v.customer} }},
	{"createPromise", true, "write", `mutation($c:ID!,$d:Time!){createPromise(input:{customerId:$c,description:"probe",dueAt:$d}){id}}`,
		func(v, _ *bundle) map[string]any {
			return map[string]any{"c": v.customer, "d": ts(time.Now().Add(time.Hour))}
		}},
	{"resolvePromise", true, "write", `mutation($id:ID!){resolvePromise(id:$id,version:1,status:KEPT){id}}`,
		func(v, _ *bundle) map[string]any { return map[string]any{"id": v.promise} }},
	{"openComplaint", true, "write", `mutation($c:ID!){openComplaint(input:{customerId:$c,category:OTHER,severity:LOW,description:"probe"}){id}}`,
		func(v, _ *bundle) map[string]any { return map[string]any{"c": v.customer} }},
	{"transitionComplaint", true, "write", `mutation($id:ID!){transitionComplaint(id:$id,version:1,input:{to:ACKNOWLEDGED}){id}}`,
		func(v, _ *bundle) map[string]any { return map[string]any{"id": v.complaint} }},
	{"escalateComplaint", true, "write", `mutation($id:ID!){escalateComplaint(id:$id,version:1){id}}`,
		func(v, _ *bundle) map[string]any { return map[string]any{"id": v.complaint} }},
	{"applyPlaybook to a complaint", true, "write", `mutation($p:ID!,$k:ID!){applyPlaybook(playbookId:$p,complaintId:$k){id}}`,
		func(v, own *bundle) map[string]any { return map[string]any{"p": own.playbook, "k": v.complaint} }},
	{"applyPlaybook to a lost customer", true, "write", `mutation($p:ID!,$c:ID!){applyPlaybook(playbookId:$p,customerId:$c){id}}`,
		func(v, own *bundle) map[string]any { return map[string]any{"p": own.winBackPlaybook, "c": v.lost} }},
	{"addRemediationStep to a complaint", true, "write", `mutation($k:ID!,$d:Time!){addRemediationStep(input:{complaintId:$k,kind:OTHER,title:"probe",dueAt:$d}){id}}`,
		func(v, _ *bundle) map[string]any {
			return map[string]any{"k": v.complaint, "d": ts(time.Now().Add(time.Hour))}
		}},
	{"addRemediationStep to a win-back", true, "write", `mutation($c:ID!,$d:Time!){addRemediationStep(input:{customerId:$c,kind:OTHER,title:"probe",dueAt:$d}){id}}`,
		func(v, _ *bundle) map[string]any {
			return map[string]any{"c": v.lost, "d": ts(time.Now().Add(time.Hour))}
		}},
	{"updateRemediationStep", true, "write", `mutation($id:ID!){updateRemediationStep(id:$id,version:1,input:{status:DONE,cost:1}){id}}`,
		func(v, _ *bundle) map[string]any { return map[string]any{"id": v.step} }},
	{"reorderRemediationSteps", true, "write", `mutation($ids:[ID!]!){reorderRemediationSteps(stepIds:$ids){id}}`,
		func(v, _ *bundle) map[string]any {
			ids := slices.Clone(v.steps)
			slices.Reverse(ids)
			return map[string]any{"ids": ids}
		}},
	{"reorder win-back steps", true, "write", `mutation($ids:[ID!]!){reorderRemediationSteps(stepIds:$ids){id}}`,
		func(v, _ *bundle) map[string]any {
			ids := slices.Clone(v.winBackSteps)
			slices.Reverse(ids)
			return map[string]any{"ids": ids}
		}},
	{"changeStage", true, "write", `mutation($c:ID!){changeStage(input:{customerId:$c,version:1,to:DORMANT}){id}}`,
		func(v, _ *bundle) map[string]any { return map[string]any{"c": v.customer} }},
	{"changeStage of a lost customer", true, "write", `mutation($c:ID!){changeStage(input:{customerId:$c,version:2,to:WON_BACK}){id}}`,
		func(v, _ *bundle) map[string]any { return map[string]any{"c": v.lost} }},
	{"recordOrder", true, "orders", `mutation($c:ID!){recordOrder(input:{customerId:$c,amount:1}){id}}`,
		func(v, _ *bundle) map[string]any { return map[string]any{"c": v.customer} }},
	{"addKeyDate", true, "write", `mutation($c:ID!){addKeyDate(input:{customerId:$c,kind:CUSTOM,label:"probe",month:1,day:1}){id}}`,
		func(v, _ *bundle) map[string]any { return map[string]any{"c": v.customer} }},
	{"deleteKeyDate", true, "write", `mutation($id:ID!){deleteKeyDate(id:$id)}`,
		func(v, _ *bundle) map[string]any { return map[string]any{"id": v.keyDate} }},
}

// workspaceProbes touch workspace-level records: only another workspace's
// actor is a stranger to them.
var workspaceProbes = []probe{
	{"updatePlaybook", true, "contracts", `mutation($id:ID!){updatePlaybook(id:$id,version:1,name:"pwned",steps:[{kind:OTHER,title:"x",dueOffsetHours:1,defaultAssigneeRole:OWNER}]){id}}`,
		func(v, _ *bundle) map[string]any { return map[string]any{"id": v.playbook} }},
	{"updateLossReason", true, "contracts", `mutation($id:ID!){updateLossReason(id:$id,label:"pwned"){id}}`,
		func(v, _ *bundle) map[string]any { return map[string]any{"id": v.lossReason} }},
	{"applyPlaybook of another workspace", true, "write", `mutation($p:ID!,$c:ID!){applyPlaybook(playbookId:$p,customerId:$c){id}}`,
		func(v, own *bundle) map[string]any { return map[string]any{"p": v.winBackPlaybook, "c": own.lost} }},
}

// attacker is who probes and what their standing allows.
type attacker struct {
	name     string
	tok      string
	own      *bundle
	role     string // ADMIN, MANAGER, AGENT, VIEWER or TOKEN
	stranger bool   // of another workspace
}

// expect is the code an attacker must get for a probe of ids it may not see.
func (a attacker) expect(p probe) string {
	switch {
	case a.role == "VIEWER" && p.mutation:
		return retain.EFORBIDDEN
	case p.role == "orders" && a.role == "AGENT":
		return retain.EFORBIDDEN
	case p.role == "contracts" && (a.role == "AGENT" || a.role == "TOKEN"):
		return retain.EFORBIDDEN
	}
	return retain.ENOTFOUND
}

func TestVisibilityProbes(t *testing.T) {
	t.Parallel()
	f := newProbeFixture(t)
	env := f.env
	A, B, C := f.books["agentA"], f.books["agentB"], f.books["agentC"]
	secrets := []string{"secret", "Book of agentB", "Book of agentC"}

	run := func(t *testing.T, a attacker, victim *bundle, list []probe) {
		t.Helper()
		for _, p := range list {
			t.Run(p.name, func(t *testing.T) {
				r := gql(t, env, a.tok, p.query, p.vars(victim, a.own))
				wantErr(t, r, a.expect(p), "")
				for _, s := range secrets {
					if strings.Contains(r.Raw, s) {
						t.Errorf("response leaks %q: %s", s, r.Raw)
					}
				}
			})
		}
	}

	before := dbState(t, env)
	for _, tc := range []struct {
		a      attacker
		victim *bundle
	}{
		{attacker{name: "agentA on agentB's", tok: f.tok["agentA"], own: A, role: "AGENT"}, B},
		{attacker{name: "agentA on agentC's", tok: f.tok["agentA"], own: A, role: "AGENT"}, C},
		{attacker{name: "agentB on agentA's", tok: f.tok["agentB"], own: B, role: "AGENT"}, A},
		{attacker{name: "manager on agentC's (outside the team)", tok: f.tok["manager"], own: A, role: "MANAGER"}, C},
		{attacker{name: "viewer on agentC's (outside the team)", tok: f.tok["viewer"], own: A, role: "VIEWER"}, C},
		{attacker{name: "W2 admin on W1's", tok: f.w2["admin"], own: f.w2book, role: "ADMIN", stranger: true}, A},
		{attacker{name: "W2 agent on W1's", tok: f.w2["agentA"], own: f.w2book, role: "AGENT", stranger: true}, A},
		{attacker{name: "W2 token on W1's", tok: f.w2erp, own: f.w2book, role: "TOKEN", stranger: true}, A},
		{attacker{name: "W1 token on W2's", tok: f.w1erp, own: A, role: "TOKEN", stranger: true}, f.w2book},
	} {
		t.Run(tc.a.name, func(t *testing.T) {
			list := probes
			if tc.a.stranger {
				list = append(slices.Clone(probes), workspaceProbes...)
			}
			run(t, tc.a, tc.victim, list)
		})
	}
	t.Run("viewer writes nothing, even on its team's records", func(t *testing.T) {
		for _, p := range append(slices.Clone(probes), workspaceProbes[:2]...) {
			if !p.mutation {
				continue
			}
			t.Run(p.name, func(t *testing.T) {
				wantErr(t, gql(t, env, f.tok["viewer"], p.query, p.vars(A, A)), retain.EFORBIDDEN, "")
			})
		}
	})
	unchanged(t, env, before)

	t.Run("the team reads and writes its own", func(t *testing.T) {
		for _, who := range []string{"manager", "viewer", "admin"} {
			for _, p := range probes {
				if p.mutation {
					continue
				}
				r := gql(t, env, f.tok[who], p.query, p.vars(B, A))
				if len(r.Errors) > 0 {
					t.Errorf("%s reading %s of agentB: %s", who, p.name, r.Raw)
				}
			}
		}
		logInteraction(t, env, f.tok["manager"], map[string]any{"customerId": B.customer, "channel": "VISIT", "summary": "manager visit"})
	})

	t.Run("batches do not reach invisible records", func(t *testing.T) {
		before := dbState(t, env)
		orderRow := func(ext, cust string) []map[string]any {
			return []map[string]any{{"externalId": ext, "customerExternalId": cust, "amount": 1, "orderedAt": ts(env.Clock.Now())}}
		}
		itRow := func(ext, cust string) []map[string]any {
			return []map[string]any{{"externalId": ext, "customerExternalId": cust, "channel": "CALL", "occurredAt": ts(env.Clock.Now()), "summary": "probe"}}
		}
		for _, tc := range []struct {
			name, tok, mut string
			rows, unknown  []map[string]any
		}{
			{"agentA logs on agentB's customer", f.tok["agentA"], logInteractionsMut, itRow("P-1", B.ext), itRow("P-1", "NO-SUCH")},
			{"manager orders for agentC's customer", f.tok["manager"], upsertOrdersMut, orderRow("P-2", C.ext), orderRow("P-2", "NO-SUCH")},
			{"W2 token logs on W1's customer", f.w2erp, logInteractionsMut, itRow("P-3", A.ext), itRow("P-3", "NO-SUCH")},
			{"W2 token orders for W1's customer", f.w2erp, upsertOrdersMut, orderRow("P-4", A.ext), orderRow("P-4", "NO-SUCH")},
		} {
			t.Run(tc.name, func(t *testing.T) {
				got, want := batch(t, env, tc.tok, tc.mut, tc.rows, nil), batch(t, env, tc.tok, tc.mut, tc.unknown, nil)
				if got.Applied || jsonOf(got) != jsonOf(want) {
					t.Errorf("a hidden customer's external id answers differently from an unknown one:\n%s\n%s", jsonOf(got), jsonOf(want))
				}
			})
		}
		for _, tc := range []struct {
			name, tok, mut string
			rows           []map[string]any
			hidden         string
		}{
			// The external id of agentB's interaction, logged on agentA's own customer.
			{"agentA reuses agentB's interaction id", f.tok["agentA"], logInteractionsMut, itRow(B.interactionExt, A.ext), B.interaction},
			// The external id of agentC's order, sent by the manager for agentA's customer.
			{"manager reuses agentC's order id", f.tok["manager"], upsertOrdersMut, orderRow(C.orderExt, A.ext), C.order},
			// The external id of agentB's customer, upserted by agentA.
			{"agentA upserts agentB's customer", f.tok["agentA"], upsertCustomersMut, []map[string]any{{"externalId": B.ext, "name": "pwned", "ownerId": env.W1.Users["agentA"].ID}}, B.customer},
		} {
			t.Run(tc.name, func(t *testing.T) {
				r := gql(t, env, tc.tok, tc.mut, map[string]any{"rows": tc.rows})
				mustOK(t, r, nil)
				if strings.Contains(r.Raw, tc.hidden) || strings.Contains(r.Raw, "secret") {
					t.Errorf("the batch answer names a hidden record: %s", r.Raw)
				}
				if strings.Contains(r.Raw, `"applied":true`) {
					t.Errorf("the batch was applied over a hidden record: %s", r.Raw)
				}
			})
		}
		unchanged(t, env, before)
	})

	t.Run("lists and aggregates hold only what the actor sees", func(t *testing.T) {
		type view struct {
			complaints, overdue, winBack []string
			customers, negative          int
			reasons                      map[string]int
			agendaDates                  int
		}
		read := func(t *testing.T, tok string) view {
			var out struct {
				Complaints struct {
					Edges []struct{ Node struct{ ID string } }
				}
				OverduePromises struct{ Nodes []struct{ ID string } }
				WinBack         struct {
					Edges []struct {
						Node struct{ Customer struct{ ID string } }
					}
				}
				ProfitOverview          struct{ Customers, NegativeCount int }
				NegativeProfitCustomers []struct{ Customer struct{ ID string } }
			}
			mustOK(t, gql(t, env, tok, `{complaints(first:100){edges{node{id}}} overduePromises(first:100){nodes{id}}
			  winBack(first:100){edges{node{customer{id}}}} profitOverview{customers negativeCount} negativeProfitCustomers{customer{id}}}`, nil), &out)
			var v view
			for _, e := range out.Complaints.Edges {
				v.complaints = append(v.complaints, e.Node.ID)
			}
			for _, n := range out.OverduePromises.Nodes {
				v.overdue = append(v.overdue, n.ID)
			}
			for _, e := range out.WinBack.Edges {
				v.winBack = append(v.winBack, e.Node.Customer.ID)
			}
			slices.Sort(v.complaints)
			slices.Sort(v.overdue)
			slices.Sort(v.winBack)
			v.customers, v.negative = out.ProfitOverview.Customers, len(out.NegativeProfitCustomers)
			if out.ProfitOverview.NegativeCount != v.negative {
				t.Errorf("negativeCount %d, negative list %d", out.ProfitOverview.NegativeCount, v.negative)
			}
			now := env.Clock.Now()
			v.reasons = analysis(t, env, tok, now.Add(-time.Hour), now.Add(time.Hour))
			return v
		}
		want := func(books ...*bundle) view {
			v := view{reasons: map[string]int{}}
			codes := map[*bundle]string{A: "PRICE", B: "COMPETITOR", C: "QUALITY", f.w2book: "PRICE"}
			for _, b := range books {
				v.complaints = append(v.complaints, b.complaint)
				v.overdue = append(v.overdue, b.promise)
				v.winBack = append(v.winBack, b.lost)
				v.customers += 2
				if b == B {
					v.negative++
				}
				v.reasons[codes[b]]++
			}
			slices.Sort(v.complaints)
			slices.Sort(v.overdue)
			slices.Sort(v.winBack)
			return v
		}
		for _, tc := range []struct {
			who  string
			tok  string
			want view
		}{
			{"agentA", f.tok["agentA"], want(A)},
			{"agentB", f.tok["agentB"], want(B)},
			{"agentC", f.tok["agentC"], want(C)},
			{"manager", f.tok["manager"], want(A, B)},
			{"viewer", f.tok["viewer"], want(A, B)},
			{"admin", f.tok["admin"], want(A, B, C)},
			{"W1 token", f.w1erp, want(A, B, C)},
			{"W2 admin", f.w2["admin"], want(f.w2book)},
			{"W2 agentB", f.w2["agentB"], want()},
		} {
			t.Run(tc.who, func(t *testing.T) {
				got := read(t, tc.tok)
				if !slices.Equal(got.complaints, tc.want.complaints) {
					t.Errorf("complaints = %v, want %v", got.complaints, tc.want.complaints)
				}
				if !slices.Equal(got.overdue, tc.want.overdue) {
					t.Errorf("overduePromises = %v, want %v", got.overdue, tc.want.overdue)
				}
				if !slices.Equal(got.winBack, tc.want.winBack) {
					t.Errorf("winBack = %v, want %v", got.winBack, tc.want.winBack)
				}
				if got.customers != tc.want.customers || got.negative != tc.want.negative {
					t.Errorf("profit: %d customers, %d negative; want %d, %d", got.customers, got.negative, tc.want.customers, tc.want.negative)
				}
				if !maps.Equal(got.reasons, tc.want.reasons) {
					t.Errorf("lossReasonAnalysis = %v, want %v", got.reasons, tc.want.reasons)
				}
			})
		}
		t.Run("filters do not widen the view", func(t *testing.T) {
			for _, filter := range []map[string]any{{"customerId": B.customer}, {"ownerId": env.W1.Users["agentB"].ID}, {"breached": false}, {"severities": []string{"HIGH"}}} {
				for _, id := range complaintIDs(t, env, f.tok["agentA"], filter) {
					if id != A.complaint {
						t.Errorf("agentA's complaints filtered by %v list %s", filter, id)
					}
				}
			}
		})
		t.Run("agendas are personal", func(t *testing.T) {
			for _, who := range []string{"agentA", "agentB", "agentC"} {
				ag := agenda(t, env, f.tok[who], 30)
				for _, k := range ag.KeyDates {
					if k.KeyDate.ID != f.books[who].keyDate {
						t.Errorf("%s's agenda lists key date %s", who, k.KeyDate.Label)
					}
				}
				for _, d := range ag.DueContacts {
					if d.Customer.ID != f.books[who].customer {
						t.Errorf("%s's agenda lists customer %s", who, d.Customer.Name)
					}
				}
			}
		})
	})
}
