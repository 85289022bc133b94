package workflowtest_test

import (
	"math"
	"slices"
	"testing"
	"time"

	"github.com/retain-crm/retain"
	"github.com/retain-crm/retain/db"
	"github.com/retain-crm/retain/server/servertest"
)

const (
	recordOrderMut = `mutation($in:RecordOrderInput!){recordOrder(input:$in){id externalId kind amount cost discount orderedAt}}`
	profitFields   = `revenue returns grossMargin costToServe compensation discounts serviceHours profit returnRate`
	profitQuery    = `query($id:ID!){customer(id:$id){profit{` + profitFields + ` customer{id}} orders(first:50){nodes{id kind amount orderedAt}}}}`
	overviewQuery  = `{profitOverview{customers topShare negativeCount pareto{customerShare profitShare} tiers{tier customers revenue profit negativeProfit}}}`
	negativeQuery  = `query($first:Int){negativeProfitCustomers(first:$first){profit customer{id name}}}`
)

type profitOut struct {
	Revenue, Returns, GrossMargin, CostToServe, Compensation, Discounts, ServiceHours, Profit, ReturnRate float64
}

type overviewOut struct {
	Customers     int
	TopShare      float64
	NegativeCount int
	Pareto        []struct{ CustomerShare, ProfitShare float64 }
	Tiers         []struct {
		Tier                      string
		Customers, NegativeProfit int
		Revenue, Profit           float64
	}
}

func overview(t testing.TB, env *servertest.Env, tok string) overviewOut {
	t.Helper()
	var out struct{ ProfitOverview overviewOut }
	mustOK(t, gql(t, env, tok, overviewQuery, nil), &out)
	return out.ProfitOverview
}

func near(a, b float64) bool { return math.Abs(a-b) < 0.0001 }

// seedOrder records an order through the service as w's admin.
func seedOrder(t testing.TB, env *servertest.Env, w *servertest.Workspace, customerID string, kind retain.OrderKind, amount, cost, discount float64, at time.Time) {
	t.Helper()
	_, err := (&db.ValueService{DB: env.DB}).RecordOrder(w.Actor("admin"), retain.OrderInput{CustomerID: customerID, Kind: kind,
		Amount: amount, Cost: cost, Discount: discount, OrderedAt: at})
	if err != nil {
		t.Fatalf("seed order: %v", err)
	}
}

func TestRecordOrder(t *testing.T) {
	t.Parallel()
	env := servertest.New(t)
	w := env.W1
	tok := tokens(t, env, w)
	w2 := login(t, env, env.W2, "admin")
	now := env.Clock.Now()
	custA := seedCustomer(t, env, w, "Buyer A", "agentA")
	custC := seedCustomer(t, env, w, "Buyer C", "agentC")
	orders := apiToken(t, env, tok["admin"], "orders:write")
	noScope := apiToken(t, env, tok["admin"], "customers:read", "customers:write", "interactions:write")
	w2orders := apiToken(t, env, w2, allScopes...)

	t.Run("who may record", func(t *testing.T) {
		for _, who := range []struct{ name, tok string }{{"admin", tok["admin"]}, {"manager", tok["manager"]}, {"orders token", orders}} {
			var out struct {
				RecordOrder struct {
					ID, Kind, OrderedAt    string
					ExternalID             *string
					Amount, Cost, Discount float64
				}
			}
			mustOK(t, gql(t, env, who.tok, recordOrderMut, map[string]any{"in": map[string]any{"customerId": custA.ID, "amount": 99.9, "cost": 50,
				"discount": 5, "externalId": "ERP-" + who.name, "orderedAt": ts(now.Add(-time.Hour))}}), &out)
			o := out.RecordOrder
			if o.Kind != "ORDER" || o.Amount != 99.9 || o.Cost != 50 || o.Discount != 5 || o.ExternalID == nil || *o.ExternalID != "ERP-"+who.name {
				t.Errorf("%s recorded %+v", who.name, o)
			}
			if auditCount(t, env, "order.record", o.ID) != 1 {
				t.Errorf("%s: no order.record audit row", who.name)
			}
		}
		var out struct{ RecordOrder struct{ OrderedAt string } }
		mustOK(t, gql(t, env, tok["admin"], recordOrderMut, map[string]any{"in": map[string]any{"customerId": custA.ID, "amount": 0, "kind": "RETURN"}}), &out)
		if !parseTime(t, out.RecordOrder.OrderedAt).Equal(now) {
			t.Errorf("orderedAt defaults to now: %s", out.RecordOrder.OrderedAt)
		}
	})

	t.Run("rejected", func(t *testing.T) {
		in := func(k string, v any) map[string]any {
			m := map[string]any{"customerId": custA.ID, "amount": 10}
			m[k] = v
			return m
		}
		before := dbState(t, env)
		for _, tc := range []struct {
			name, tok   string
			in          map[string]any
			code, field string
		}{
			{"agent", tok["agentA"], in("amount", 10), retain.EFORBIDDEN, ""},
			{"viewer", tok["viewer"], in("amount", 10), retain.EFORBIDDEN, ""},
			{"token without orders:write", noScope, in("amount", 10), retain.EFORBIDDEN, ""},
			{"negative amount", tok["admin"], in("amount", -10), retain.EINVALID, "input.amount"},
			{"negative cost", tok["admin"], in("cost", -1), retain.EINVALID, "input.cost"},
			{"negative discount", tok["admin"], in("discount", -1), retain.EINVALID, "input.discount"},
			{"huge amount", tok["admin"], in("amount", 1e13), retain.EINVALID, "input.amount"},
			{"two days ahead", tok["admin"], in("orderedAt", ts(now.Add(48*time.Hour))), retain.EINVALID, "input.orderedAt"},
			{"11 years ago", tok["admin"], in("orderedAt", ts(now.AddDate(-11, 0, 0))), retain.EINVALID, "input.orderedAt"},
			{"unknown kind", tok["admin"], in("kind", "REFUND"), retain.EINVALID, ""},
			{"duplicate external id", tok["admin"], in("externalId", "ERP-admin"), retain.ECONFLICT, "input.externalId"},
			{"manager, customer outside the team", tok["manager"], in("customerId", custC.ID), retain.ENOTFOUND, ""},
			{"W2 token, W1 customer", w2orders, in("customerId", custA.ID), retain.ENOTFOUND, ""},
			{"unknown customer", tok["admin"], in("customerId", db.NewID()), retain.ENOTFOUND, ""},
		} {
			t.Run(tc.name, func(t *testing.T) {
				wantErr(t, gql(t, env, tc.tok, recordOrderMut, map[string]any{"in": tc.in}), tc.code, tc.field)
			})
		}
		unchanged(t, env, before)
	})

	t.Run("an orders-only token reads nothing", func(t *testing.T) {
		for _, q := range []string{overviewQuery, `{complaints{edges{node{id}}}}`, `{overduePromises{nodes{id}}}`, `{winBack{edges{node{lostAt}}}}`,
			`{negativeProfitCustomers{profit}}`} {
			wantErr(t, gql(t, env, orders, q, nil), retain.EFORBIDDEN, "")
		}
		wantErr(t, gql(t, env, orders, profitQuery, map[string]any{"id": custA.ID}), retain.EFORBIDDEN, "")
	})
}

func TestProfit(t *testing.T) {
	t.Parallel()
	env := servertest.New(t)
	w := env.W1
	tok := tokens(t, env, w)
	now := env.Clock.Now()
	day := 24 * time.Hour
	c := seedCustomer(t, env, w, "Profit fixture", "agentA")

	// Trailing 12 months: two orders, one return, service time, a gift and
	// compensation given in remediation steps. One order, one call and
	// one step fall outside the window.
	seedOrder(t, env, w, c.ID, retain.KindOrder, 1000, 600, 50, now.Add(-30*day))
	seedOrder(t, env, w, c.ID, retain.KindOrder, 500, 300, 0, now.Add(-200*day))
	seedOrder(t, env, w, c.ID, retain.KindReturn, 200, 120, 0, now.Add(-10*day))
	seedOrder(t, env, w, c.ID, retain.KindOrder, 9999, 1, 500, now.Add(-400*day))
	logInteraction(t, env, tok["agentA"], map[string]any{"customerId": c.ID, "channel": "VISIT", "summary": "site visit", "durationMinutes": 90, "occurredAt": ts(now.Add(-30 * day))})
	logInteraction(t, env, tok["agentA"], map[string]any{"customerId": c.ID, "channel": "CALL", "summary": "call", "durationMinutes": 30, "occurredAt": ts(now.Add(-5 * day))})
	logInteraction(t, env, tok["agentA"], map[string]any{"customerId": c.ID, "channel": "CALL", "summary": "old call", "durationMinutes": 600, "occurredAt": ts(now.Add(-400 * day))})
	logInteraction(t, env, tok["agentA"], map[string]any{"customerId": c.ID, "channel": "GIFT", "summary": "mooncakes", "giftValue": 40, "occurredAt": ts(now.Add(-20 * day))})
	k := openComplaint(t, env, tok["agentA"], map[string]any{"customerId": c.ID, "severity": "HIGH"})
	var st struct{ UpdateRemediationStep struct{ Cost float64 } }
	mustOK(t, gql(t, env, tok["agentA"], updateStepMut, map[string]any{"id": k.Steps[2].ID, "v": k.Steps[2].Version, "in": map[string]any{"status": "DONE", "cost": 100}}), &st)
	mustOK(t, gql(t, env, tok["agentA"], addStepMut, map[string]any{"in": map[string]any{"complaintId": k.ID, "kind": "OTHER", "title": "voucher",
		"dueAt": ts(now.Add(day)), "cost": 25}}), nil)

	t.Run("computed by hand", func(t *testing.T) {
		var out struct {
			Customer struct {
				Profit struct {
					profitOut
					Customer idOf
				}
				Orders struct {
					Nodes []struct{ ID, Kind, OrderedAt string }
				}
			}
		}
		mustOK(t, gql(t, env, tok["agentA"], profitQuery, map[string]any{"id": c.ID}), &out)
		p := out.Customer.Profit.profitOut
		// revenue 1000+500; returns 200; margin (1000-600)+(500-300)-(200-120) = 520;
		// compensation 100+25 in steps + 40 gift = 165; discounts 50;
		// service (90+30) min = 2 h × 80 = 160; cost to serve 375; profit 145.
		want := profitOut{Revenue: 1500, Returns: 200, GrossMargin: 520, CostToServe: 375, Compensation: 165, Discounts: 50,
			ServiceHours: 2, Profit: 145, ReturnRate: 0.1333}
		if p != want {
			t.Errorf("profit =\n %+v\nwant\n %+v", p, want)
		}
		if out.Customer.Profit.Customer.ID != c.ID {
			t.Errorf("profit.customer = %s", out.Customer.Profit.Customer.ID)
		}
		if k.TotalCost != 0 {
			t.Errorf("totalCost before the steps' costs = %v", k.TotalCost)
		}
		if _, total := complaintSteps(t, env, tok["agentA"], k.ID); total != 125 {
			t.Errorf("complaint totalCost = %v, want 125", total)
		}
		if n := len(out.Customer.Orders.Nodes); n != 4 {
			t.Errorf("orders = %d, want 4", n)
		}
		for i := 1; i < len(out.Customer.Orders.Nodes); i++ {
			if parseTime(t, out.Customer.Orders.Nodes[i].OrderedAt).After(parseTime(t, out.Customer.Orders.Nodes[i-1].OrderedAt)) {
				t.Errorf("orders not newest first: %+v", out.Customer.Orders.Nodes)
			}
		}
	})
}

// TestProfitOverview checks the Pareto and tier views on ten customers with
// known profits, and that each actor's view counts only their customers.
func TestProfitOverview(t *testing.T) {
	t.Parallel()
	env := servertest.New(t)
	w := env.W2 // a workspace with nothing else in it
	tok := tokens(t, env, w)
	now := env.Clock.Now()
	type fixture struct {
		name, owner string
		tier        retain.Tier
		profit      float64
	}
	// Total 1900; the top 20 % (two customers) bring 1600.
	fixtures := []fixture{
		{"P1000", "agentA", retain.TierPKA, 1000}, {"P600", "agentB", retain.TierTKA, 600}, {"P200", "agentA", retain.TierIKA, 200},
		{"P100", "agentA", retain.TierStandard, 100}, {"P50", "agentB", retain.TierStandard, 50}, {"P30", "agentA", retain.TierStandard, 30},
		{"P20", "agentA", retain.TierMarginal, 20}, {"P0", "agentB", retain.TierMarginal, 0}, {"N30", "agentA", retain.TierStandard, -30},
		{"N70", "agentB", retain.TierTKA, -70},
	}
	for _, f := range fixtures {
		c := seedCustomer(t, env, w, f.name, f.owner, withTier(f.tier))
		switch {
		case f.profit > 0:
			seedOrder(t, env, w, c.ID, retain.KindOrder, 2*f.profit, f.profit, 0, now.Add(-24*time.Hour))
		case f.profit < 0:
			// Sold at cost, and the discount is the loss.
			seedOrder(t, env, w, c.ID, retain.KindOrder, 500, 500, -f.profit, now.Add(-24*time.Hour))
		}
	}
	// W1 data must not reach W2's numbers.
	w1c := seedCustomer(t, env, env.W1, "W1 whale", "agentA")
	seedOrder(t, env, env.W1, w1c.ID, retain.KindOrder, 1e6, 0, 0, now.Add(-time.Hour))

	t.Run("admin: Pareto, tiers, negatives", func(t *testing.T) {
		ov := overview(t, env, tok["admin"])
		if ov.Customers != 10 || ov.NegativeCount != 2 || !near(ov.TopShare, 0.8421) {
			t.Errorf("overview: customers %d, negative %d, topShare %v; want 10, 2, 0.8421", ov.Customers, ov.NegativeCount, ov.TopShare)
		}
		if len(ov.Pareto) != 21 || ov.Pareto[0].CustomerShare != 0 || ov.Pareto[0].ProfitShare != 0 {
			t.Fatalf("pareto = %+v", ov.Pareto)
		}
		// Cumulative profit of the best n customers over 1900.
		cum := []float64{1000, 1600, 1800, 1900, 1950, 1980, 2000, 2000, 1970, 1900}
		for i, pt := range ov.Pareto[1:] {
			n := int(math.Ceil(pt.CustomerShare*10 - 1e-9))
			if !near(pt.CustomerShare, float64(i+1)/20) || !near(pt.ProfitShare, math.Round(cum[n-1]/1900*10000)/10000) {
				t.Errorf("pareto point %d = %+v, want share of the best %d = %v", i+1, pt, n, cum[n-1]/1900)
			}
		}
		wantTiers := map[string][4]float64{ // customers, revenue, profit, negative
			"PKA": {1, 2000, 1000, 0}, "TKA": {2, 1700, 530, 1}, "IKA": {1, 400, 200, 0},
			"STANDARD": {4, 860, 150, 1}, "MARGINAL": {2, 40, 20, 0},
		}
		var tiers []string
		for _, tp := range ov.Tiers {
			tiers = append(tiers, tp.Tier)
			want := wantTiers[tp.Tier]
			if float64(tp.Customers) != want[0] || tp.Revenue != want[1] || tp.Profit != want[2] || float64(tp.NegativeProfit) != want[3] {
				t.Errorf("tier %s = %+v, want %v", tp.Tier, tp, want)
			}
		}
		if !slices.Equal(tiers, []string{"TKA", "PKA", "IKA", "STANDARD", "MARGINAL"}) {
			t.Errorf("tiers = %v", tiers)
		}
	})

	t.Run("negative-profit customers, worst first", func(t *testing.T) {
		var out struct {
			NegativeProfitCustomers []struct {
				Profit   float64
				Customer struct{ Name string }
			}
		}
		mustOK(t, gql(t, env, tok["admin"], negativeQuery, map[string]any{"first": 20}), &out)
		var got []string
		for _, p := range out.NegativeProfitCustomers {
			got = append(got, p.Customer.Name)
		}
		if !slices.Equal(got, []string{"N70", "N30"}) || out.NegativeProfitCustomers[0].Profit != -70 {
			t.Errorf("negative = %+v", out.NegativeProfitCustomers)
		}
		mustOK(t, gql(t, env, tok["admin"], negativeQuery, map[string]any{"first": 1}), &out)
		if len(out.NegativeProfitCustomers) != 1 || out.NegativeProfitCustomers[0].Customer.Name != "N70" {
			t.Errorf("first 1 = %+v", out.NegativeProfitCustomers)
		}
		wantErr(t, gql(t, env, tok["admin"], negativeQuery, map[string]any{"first": 0}), retain.EINVALID, "first")
		wantErr(t, gql(t, env, tok["admin"], negativeQuery, map[string]any{"first": 101}), retain.EINVALID, "first")
	})

	t.Run("each actor counts only their customers", func(t *testing.T) {
		// agentA: 1000, 200, 100, 30, 20, -30 → total 1320; the top 20 % of
		// six is the best 1.2 customers, i.e. the best two: 1200.
		ov := overview(t, env, tok["agentA"])
		if ov.Customers != 6 || ov.NegativeCount != 1 || !near(ov.TopShare, math.Round(1200.0/1320*10000)/10000) {
			t.Errorf("agentA overview: %+v", ov)
		}
		ov = overview(t, env, tok["agentB"])
		if ov.Customers != 4 || ov.NegativeCount != 1 {
			t.Errorf("agentB overview: customers %d negative %d", ov.Customers, ov.NegativeCount)
		}
		for _, who := range []string{"manager", "viewer"} {
			if ov := overview(t, env, tok[who]); ov.Customers != 10 {
				t.Errorf("%s overview customers = %d, want 10", who, ov.Customers)
			}
		}
		if ov := overview(t, env, tok["agentC"]); ov.Customers != 0 || ov.TopShare != 0 || ov.NegativeCount != 0 {
			t.Errorf("agentC overview: %+v", ov)
		}
		var out struct {
			NegativeProfitCustomers []struct{ Customer struct{ Name string } }
		}
		mustOK(t, gql(t, env, tok["agentA"], negativeQuery, map[string]any{"first": 20}), &out)
		if len(out.NegativeProfitCustomers) != 1 || out.NegativeProfitCustomers[0].Customer.Name != "N30" {
			t.Errorf("agentA negatives: %+v", out.NegativeProfitCustomers)
		}
		if ov := overview(t, env, login(t, env, env.W1, "admin")); ov.Customers != 1 {
			t.Errorf("W1 admin overview customers = %d, want 1", ov.Customers)
		}
	})
}
