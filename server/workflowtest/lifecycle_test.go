package workflowtest_test

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

const (
	changeStageMut = `mutation($in:ChangeStageInput!){changeStage(input:$in){id stage version winBackSteps{id kind status position assignee{id}}}}`
	analysisQuery  = `query($f:Time!,$t:Time!){lossReasonAnalysis(from:$f,to:$t){reason{code} count}}`
	winBackQuery   = `query($first:Int,$after:String){winBack(first:$first,after:$after){edges{cursor node{customer{id name} lostAt lossReason{code} stepsTotal stepsDone}} pageInfo{hasNextPage endCursor}}}`
)

type stageOut struct {
	ID, Stage    string
	Version      int
	WinBackSteps []struct {
		ID, Kind, Status string
		Position         int
		Assignee         *idOf
	}
}

func changeStage(t testing.TB, env *servertest.Env, tok string, in map[string]any) stageOut {
	t.Helper()
	var out struct{ ChangeStage stageOut }
	mustOK(t, gql(t, env, tok, changeStageMut, map[string]any{"in": in}), &out)
	return out.ChangeStage
}

// customerVersion reads a customer's version as the admin sees it.
func customerVersion(t testing.TB, env *servertest.Env, id string) int {
	t.Helper()
	return sqlInt(t, env, "SELECT version FROM customers WHERE id = ?", id)
}

// loseCustomer moves a customer to LOST for a reason.
func loseCustomer(t testing.TB, env *servertest.Env, tok, id, reasonID string, winBack bool) stageOut {
	t.Helper()
	return changeStage(t, env, tok, map[string]any{"customerId": id, "version": customerVersion(t, env, id), "to": "LOST",
		"lossReasonId": reasonID, "reason": "left us", "startWinBack": winBack})
}

func analysis(t testing.TB, env *servertest.Env, tok string, from, to time.Time) map[string]int {
	t.Helper()
	var out struct {
		LossReasonAnalysis []struct {
			Reason struct{ Code string }
			Count  int
		}
	}
	mustOK(t, gql(t, env, tok, analysisQuery, map[string]any{"f": ts(from), "t": ts(to)}), &out)
	m := map[string]int{}
	for _, r := range out.LossReasonAnalysis {
		m[r.Reason.Code] = r.Count
	}
	return m
}

type winBackEntry struct {
	Customer              struct{ ID, Name string }
	LostAt                string
	LossReason            *struct{ Code string }
	StepsTotal, StepsDone int
}

func winBackList(t testing.TB, env *servertest.Env, tok string) []winBackEntry {
	t.Helper()
	var out struct {
		WinBack struct {
			Edges []struct{ Node winBackEntry }
		}
	}
	mustOK(t, gql(t, env, tok, winBackQuery, map[string]any{"first": 100}), &out)
	var list []winBackEntry
	for _, e := range out.WinBack.Edges {
		list = append(list, e.Node)
	}
	return list
}

func winBackNames(list []winBackEntry) []string {
	var out []string
	for _, e := range list {
		out = append(out, e.Customer.Name)
	}
	return out
}

func TestLifecycle(t *testing.T) {
	t.Parallel()
	env := servertest.New(t)
	w := env.W1
	tok := tokens(t, env, w)
	w2 := login(t, env, env.W2, "admin")
	u := func(k string) string { return w.Users[k].ID }
	lr := lossReasonIDs(t, env, tok["admin"])
	lrW2 := lossReasonIDs(t, env, w2)
	now := env.Clock.Now()

	t.Run("a recorded move with reason and actor", func(t *testing.T) {
		c := seedCustomer(t, env, w, "Sleeping", "agentA")
		s := changeStage(t, env, tok["agentA"], map[string]any{"customerId": c.ID, "version": c.Version, "to": "DORMANT", "reason": "no orders for 90 days"})
		if s.Stage != "DORMANT" || s.Version != c.Version+1 {
			t.Errorf("changed %+v", s)
		}
		var out struct {
			Customer struct {
				Timeline struct {
					Edges []struct {
						Node struct {
							StageChange *struct {
								FromStage, ToStage, Reason string
								Actor                      *idOf
								LossReason                 *struct{ Code string }
							}
						}
					}
				}
			}
		}
		mustOK(t, gql(t, env, tok["agentA"], `query($id:ID!){customer(id:$id){timeline(first:1){edges{node{stageChange{fromStage toStage reason actor{id} lossReason{code}}}}}}}`,
			map[string]any{"id": c.ID}), &out)
		sc := out.Customer.Timeline.Edges[0].Node.StageChange
		if sc == nil || sc.FromStage != "ACTIVE" || sc.ToStage != "DORMANT" || sc.Reason != "no orders for 90 days" || sc.Actor == nil || sc.Actor.ID != u("agentA") || sc.LossReason != nil {
			t.Errorf("stage change %+v", sc)
		}
		if n := sqlInt(t, env, "SELECT count(*) FROM audit_log WHERE action = 'customer.stage' AND entity_id = ? AND before->>'stage' = 'ACTIVE' AND after->>'stage' = 'DORMANT'", c.ID); n != 1 {
			t.Errorf("customer.stage audit rows = %d, want 1", n)
		}
		s = changeStage(t, env, tok["manager"], map[string]any{"customerId": c.ID, "version": s.Version, "to": "ACTIVE", "reason": "woke up"})
		if s.Stage != "ACTIVE" {
			t.Errorf("back to active: %+v", s)
		}
	})

	t.Run("rejected moves", func(t *testing.T) {
		active := seedCustomer(t, env, w, "Active", "agentA")
		prospect := seedCustomer(t, env, w, "Prospect", "agentA", func(in *retain.CustomerInput) { in.Stage = retain.StageProspect })
		lost := seedCustomer(t, env, w, "Already lost", "agentA")
		loseCustomer(t, env, tok["agentA"], lost.ID, lr["PRICE"], false)
		ofB := seedCustomer(t, env, w, "B's", "agentB")
		mustOK(t, gql(t, env, tok["admin"], `mutation($id:ID!){updateLossReason(id:$id,active:false){id}}`, map[string]any{"id": lr["OTHER"]}), nil)
		in := func(c *retain.Customer, to string, kv ...any) map[string]any {
			m := map[string]any{"customerId": c.ID, "version": customerVersion(t, env, c.ID), "to": to}
			for i := 0; i < len(kv); i += 2 {
				m[kv[i].(string)] = kv[i+1]
			}
			return m
		}
		before := dbState(t, env)
		for _, tc := range []struct {
			name, tok   string
			in          map[string]any
			code, field string
		}{
			{"lost without a reason", tok["agentA"], in(active, "LOST"), retain.EINVALID, "input.lossReasonId"},
			{"lost, unknown reason", tok["agentA"], in(active, "LOST", "lossReasonId", db.NewID()), retain.EINVALID, "input.lossReasonId"},
			{"lost, garbage reason", tok["agentA"], in(active, "LOST", "lossReasonId", "price"), retain.EINVALID, "input.lossReasonId"},
			{"lost, W2's reason", tok["agentA"], in(active, "LOST", "lossReasonId", lrW2["PRICE"]), retain.EINVALID, "input.lossReasonId"},
			{"lost, inactive reason", tok["agentA"], in(active, "LOST", "lossReasonId", lr["OTHER"]), retain.EINVALID, "input.lossReasonId"},
			{"loss reason for dormant", tok["agentA"], in(active, "DORMANT", "lossReasonId", lr["PRICE"]), retain.EINVALID, "input.lossReasonId"},
			{"lost to active", tok["agentA"], in(lost, "ACTIVE"), retain.EINVALID, "input.to"},
			{"lost to dormant", tok["agentA"], in(lost, "DORMANT"), retain.EINVALID, "input.to"},
			{"lost to lost", tok["agentA"], in(lost, "LOST", "lossReasonId", lr["PRICE"]), retain.EINVALID, "input.to"},
			{"active to active", tok["agentA"], in(active, "ACTIVE"), retain.EINVALID, "input.to"},
			{"active to won back", tok["agentA"], in(active, "WON_BACK"), retain.EINVALID, "input.to"},
			{"active to prospect", tok["agentA"], in(active, "PROSPECT"), retain.EINVALID, "input.to"},
			{"prospect to dormant", tok["agentA"], in(prospect, "DORMANT"), retain.EINVALID, "input.to"},
			{"unknown stage", tok["agentA"], in(active, "GONE"), retain.EINVALID, ""},
			{"reason too long", tok["agentA"], in(active, "DORMANT", "reason", strings.Repeat("r", 2001)), retain.EINVALID, ""},
			{"stale version", tok["agentA"], map[string]any{"customerId": active.ID, "version": 0, "to": "DORMANT"}, retain.ECONFLICT, ""},
			{"another agent's customer", tok["agentA"], in(ofB, "DORMANT"), retain.ENOTFOUND, ""},
			{"W2", w2, in(active, "DORMANT"), retain.ENOTFOUND, ""},
			{"viewer", tok["viewer"], in(active, "DORMANT"), retain.EFORBIDDEN, ""},
		} {
			t.Run(tc.name, func(t *testing.T) {
				wantErr(t, gql(t, env, tc.tok, changeStageMut, map[string]any{"in": tc.in}), tc.code, tc.field)
			})
		}
		unchanged(t, env, before)

		s := changeStage(t, env, tok["agentA"], in(lost, "WON_BACK", "reason", "came back for the new range"))
		if s.Stage != "WON_BACK" {
			t.Errorf("won back: %+v", s)
		}
		if s = changeStage(t, env, tok["agentA"], in(lost, "ACTIVE")); s.Stage != "ACTIVE" {
			t.Errorf("won back to active: %+v", s)
		}
	})

	t.Run("lost with win-back", func(t *testing.T) {
		c := seedCustomer(t, env, w, "Win me back", "agentA")
		s := loseCustomer(t, env, tok["agentA"], c.ID, lr["COMPETITOR"], true)
		if s.Stage != "LOST" || len(s.WinBackSteps) != 5 {
			t.Fatalf("lost with win-back: %+v", s)
		}
		kinds := []string{}
		for _, st := range s.WinBackSteps {
			kinds = append(kinds, st.Kind)
		}
		if !slices.Equal(kinds, []string{"CONTACT", "LISTEN", "PLAN", "FULFIL", "FIX_DEFECT"}) || s.WinBackSteps[3].Assignee.ID != u("manager") {
			t.Errorf("win-back steps %+v", s.WinBackSteps)
		}
		plain := seedCustomer(t, env, w, "Lost quietly", "agentA")
		if s := loseCustomer(t, env, tok["agentA"], plain.ID, lr["PRICE"], false); len(s.WinBackSteps) != 0 {
			t.Errorf("win-back steps without startWinBack: %d", len(s.WinBackSteps))
		}
	})

	t.Run("loss reasons are workspace-editable", func(t *testing.T) {
		const create = `mutation($c:String!,$l:String!){createLossReason(code:$c,label:$l){id code label active}}`
		before := dbState(t, env)
		for _, tc := range []struct {
			name, tok, code, label string
			want, field            string
		}{
			{"agent", tok["agentA"], "SLOW_SUPPORT", "Support was slow", retain.EFORBIDDEN, ""},
			{"viewer", tok["viewer"], "SLOW_SUPPORT", "Support was slow", retain.EFORBIDDEN, ""},
			{"lower-case code", tok["manager"], "slow_support", "x", retain.EINVALID, "input.code"},
			{"code with a space", tok["manager"], "SLOW SUPPORT", "x", retain.EINVALID, "input.code"},
			{"code starting with a digit", tok["manager"], "1SLOW", "x", retain.EINVALID, "input.code"},
			{"empty code", tok["manager"], "", "x", retain.EINVALID, "input.code"},
			{"51-char code", tok["manager"], "A" + strings.Repeat("B", 50), "x", retain.EINVALID, "input.code"},
			{"empty label", tok["manager"], "SLOW_SUPPORT", " ", retain.EINVALID, "input.label"},
			{"duplicate", tok["manager"], "PRICE", "Price again", retain.ECONFLICT, "input.code"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				wantErr(t, gql(t, env, tc.tok, create, map[string]any{"c": tc.code, "l": tc.label}), tc.want, tc.field)
			})
		}
		unchanged(t, env, before)
		var out struct {
			CreateLossReason struct {
				ID, Code, Label string
				Active          bool
			}
		}
		mustOK(t, gql(t, env, tok["manager"], create, map[string]any{"c": "SLOW_SUPPORT", "l": "Support was slow"}), &out)
		if out.CreateLossReason.Code != "SLOW_SUPPORT" || !out.CreateLossReason.Active {
			t.Errorf("created %+v", out.CreateLossReason)
		}
		if auditCount(t, env, "lossReason.create", out.CreateLossReason.ID) != 1 {
			t.Error("no lossReason.create audit row")
		}
		mustOK(t, gql(t, env, w2, create, map[string]any{"c": "SLOW_SUPPORT", "l": "W2's own"}), nil)
		c := seedCustomer(t, env, w, "Lost to slow support", "agentA")
		loseCustomer(t, env, tok["agentA"], c.ID, out.CreateLossReason.ID, false)
		wantErr(t, gql(t, env, w2, `mutation($id:ID!){updateLossReason(id:$id,label:"x"){id}}`, map[string]any{"id": out.CreateLossReason.ID}), retain.ENOTFOUND, "")
		wantErr(t, gql(t, env, tok["agentA"], `mutation($id:ID!){updateLossReason(id:$id,label:"x"){id}}`, map[string]any{"id": out.CreateLossReason.ID}), retain.EFORBIDDEN, "")
	})

	t.Run("analysis period", func(t *testing.T) {
		before := dbState(t, env)
		wantErr(t, gql(t, env, tok["admin"], analysisQuery, map[string]any{"f": ts(now), "t": ts(now.Add(-time.Hour))}), retain.EINVALID, "to")
		wantErr(t, gql(t, env, tok["admin"], analysisQuery, map[string]any{"f": ts(now), "t": ts(now)}), retain.EINVALID, "to")
		wantErr(t, gql(t, env, tok["admin"], analysisQuery, map[string]any{"f": ts(now.AddDate(-11, 0, 0)), "t": ts(now)}), retain.EINVALID, "to")
		wantErr(t, gql(t, env, tok["admin"], analysisQuery, map[string]any{"f": "yesterday", "t": ts(now)}), retain.EINVALID, "")
		unchanged(t, env, before)
	})
}

// TestLossAnalysisAndWinBack builds losses over time across the team and
// checks the analysis and the win-back list count only what each actor sees.
func TestLossAnalysisAndWinBack(t *testing.T) {
	t.Parallel()
	env := servertest.New(t)
	w := env.W1
	tok := tokens(t, env, w)
	lr := lossReasonIDs(t, env, tok["admin"])
	t0 := env.Clock.Now()

	lose := func(name, owner, reason string, winBack bool) string {
		c := seedCustomer(t, env, w, name, owner)
		loseCustomer(t, env, tok["admin"], c.ID, lr[reason], winBack)
		return c.ID
	}
	lose("Old A", "agentA", "PRICE", false) // before the window
	env.Clock.Advance(2 * 24 * time.Hour)
	tok = tokens(t, env, w)
	lose("A1", "agentA", "PRICE", true)
	env.Clock.Advance(time.Minute)
	a2 := lose("A2", "agentA", "PRICE", true)
	env.Clock.Advance(time.Minute)
	lose("A3", "agentA", "COMPETITOR", false)
	env.Clock.Advance(time.Minute)
	lose("B1", "agentB", "PRICE", true)
	env.Clock.Advance(time.Minute)
	lose("C1", "agentC", "QUALITY", false)
	env.Clock.Advance(time.Minute)
	tok = tokens(t, env, w)
	w2 := login(t, env, env.W2, "admin")
	// A customer lost and won back is not on the win-back list.
	back := seedCustomer(t, env, w, "Back", "agentA")
	loseCustomer(t, env, tok["admin"], back.ID, lr["PRICE"], false)
	changeStage(t, env, tok["admin"], map[string]any{"customerId": back.ID, "version": customerVersion(t, env, back.ID), "to": "WON_BACK"})

	from, to := t0.Add(24*time.Hour), env.Clock.Now().Add(time.Hour)
	t.Run("loss reasons counted per actor", func(t *testing.T) {
		for _, tc := range []struct {
			who  string
			tok  string
			want map[string]int
		}{
			{"admin", tok["admin"], map[string]int{"PRICE": 4, "COMPETITOR": 1, "QUALITY": 1}},
			{"manager", tok["manager"], map[string]int{"PRICE": 4, "COMPETITOR": 1}},
			{"viewer", tok["viewer"], map[string]int{"PRICE": 4, "COMPETITOR": 1}},
			{"agentA", tok["agentA"], map[string]int{"PRICE": 3, "COMPETITOR": 1}},
			{"agentB", tok["agentB"], map[string]int{"PRICE": 1}},
			{"agentC", tok["agentC"], map[string]int{"QUALITY": 1}},
			{"W2 admin", w2, map[string]int{}},
		} {
			if got := analysis(t, env, tc.tok, from, to); !maps.Equal(got, tc.want) {
				t.Errorf("%s: analysis = %v, want %v", tc.who, got, tc.want)
			}
		}
		if got := analysis(t, env, tok["agentA"], t0.Add(-time.Hour), to); got["PRICE"] != 4 {
			t.Errorf("wider window: %v", got)
		}
		if got := analysis(t, env, tok["admin"], t0.Add(-48*time.Hour), t0.Add(-time.Hour)); len(got) != 0 {
			t.Errorf("window before any loss: %v", got)
		}
	})

	t.Run("win-back list", func(t *testing.T) {
		steps := map[string][]fullStep{}
		var wb struct {
			Customer struct{ WinBackSteps []fullStep }
		}
		mustOK(t, gql(t, env, tok["agentA"], `query($id:ID!){customer(id:$id){winBackSteps{`+stepFields+`}}}`, map[string]any{"id": a2}), &wb)
		steps["A2"] = wb.Customer.WinBackSteps
		updateStep(t, env, tok["agentA"], steps["A2"][0], map[string]any{"status": "DONE"})
		updateStep(t, env, tok["agentA"], steps["A2"][1], map[string]any{"status": "SKIPPED", "skipReason": "would not talk"})

		for _, tc := range []struct {
			who  string
			tok  string
			want []string
		}{
			{"admin", tok["admin"], []string{"C1", "B1", "A3", "A2", "A1", "Old A"}},
			{"manager", tok["manager"], []string{"B1", "A3", "A2", "A1", "Old A"}},
			{"agentA", tok["agentA"], []string{"A3", "A2", "A1", "Old A"}},
			{"agentB", tok["agentB"], []string{"B1"}},
			{"W2 admin", w2, nil},
		} {
			if got := winBackNames(winBackList(t, env, tc.tok)); !slices.Equal(got, tc.want) {
				t.Errorf("%s: win-back list = %v, want %v", tc.who, got, tc.want)
			}
		}
		for _, e := range winBackList(t, env, tok["agentA"]) {
			want := map[string][3]any{"A3": {"COMPETITOR", 0, 0}, "A2": {"PRICE", 5, 2}, "A1": {"PRICE", 5, 0}, "Old A": {"PRICE", 0, 0}}[e.Customer.Name]
			if e.LossReason == nil || e.LossReason.Code != want[0] || e.StepsTotal != want[1] || e.StepsDone != want[2] {
				t.Errorf("%s: reason %v, progress %d/%d; want %v", e.Customer.Name, e.LossReason, e.StepsDone, e.StepsTotal, want)
			}
		}
		// Pages of two cover the list once.
		var names []string
		var after any
		for range 5 {
			var out struct {
				WinBack struct {
					Edges    []struct{ Node winBackEntry }
					PageInfo struct {
						HasNextPage bool
						EndCursor   *string
					}
				}
			}
			mustOK(t, gql(t, env, tok["admin"], winBackQuery, map[string]any{"first": 2, "after": after}), &out)
			for _, e := range out.WinBack.Edges {
				names = append(names, e.Node.Customer.Name)
			}
			if !out.WinBack.PageInfo.HasNextPage {
				break
			}
			after = *out.WinBack.PageInfo.EndCursor
		}
		if want := []string{"C1", "B1", "A3", "A2", "A1", "Old A"}; !slices.Equal(names, want) {
			t.Errorf("paged win-back list = %v, want %v", names, want)
		}
	})
}
