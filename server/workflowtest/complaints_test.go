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
	complaintFields = `id status severity openedAt responseDueAt acknowledgedAt deadlineBreached breachedAt resolvedAt closedAt
  escalatedTo{id} escalatedAt rootCause preventionAction satisfaction reopenCount version totalCost owner{id}
  customer{id satisfaction relationshipType{complaintSlaHours}}
  steps{id position kind title status dueAt cost skipReason version assignee{id}}`
	openComplaintMut = `mutation($in:OpenComplaintInput!){openComplaint(input:$in){` + complaintFields + `}}`
	transitionMut    = `mutation($id:ID!,$v:Int!,$in:TransitionComplaintInput!){transitionComplaint(id:$id,version:$v,input:$in){` + complaintFields + `}}`
	escalateMut      = `mutation($id:ID!,$v:Int!,$m:ID,$n:String){escalateComplaint(id:$id,version:$v,managerId:$m,note:$n){` + complaintFields + `}}`
	complaintQuery   = `query($id:ID!){complaint(id:$id){` + complaintFields + `}}`
	complaintsQuery  = `query($f:ComplaintFilter,$first:Int,$after:String){complaints(filter:$f,first:$first,after:$after){edges{cursor node{id deadlineBreached breachedAt customer{id}}} pageInfo{hasNextPage endCursor}}}`
)

type stepOut struct {
	ID, Kind, Title, Status, DueAt, SkipReason string
	Position, Version                          int
	Cost                                       float64
	Assignee                                   *idOf
	ComplaintID                                *string
	Overdue                                    bool
}

type complaintOut struct {
	ID, Status, Severity, OpenedAt, ResponseDueAt string
	AcknowledgedAt, BreachedAt, ResolvedAt        *string
	ClosedAt, EscalatedAt                         *string
	DeadlineBreached                              bool
	EscalatedTo                                   *idOf
	RootCause, PreventionAction                   string
	Satisfaction                                  *int
	ReopenCount, Version                          int
	TotalCost                                     float64
	Owner                                         idOf
	Customer                                      struct {
		ID               string
		Satisfaction     *int
		RelationshipType struct {
			ComplaintSLAHours int `json:"complaintSlaHours"`
		}
	}
	Steps []stepOut
}

func openComplaint(t testing.TB, env *servertest.Env, tok string, in map[string]any) complaintOut {
	t.Helper()
	if _, ok := in["category"]; !ok {
		in["category"] = "QUALITY"
	}
	if _, ok := in["description"]; !ok {
		in["description"] = "the goods arrived broken"
	}
	var out struct{ OpenComplaint complaintOut }
	mustOK(t, gql(t, env, tok, openComplaintMut, map[string]any{"in": in}), &out)
	return out.OpenComplaint
}

func transition(t testing.TB, env *servertest.Env, tok string, k complaintOut, in map[string]any) complaintOut {
	t.Helper()
	var out struct{ TransitionComplaint complaintOut }
	mustOK(t, gql(t, env, tok, transitionMut, map[string]any{"id": k.ID, "v": k.Version, "in": in}), &out)
	return out.TransitionComplaint
}

func complaintIDs(t testing.TB, env *servertest.Env, tok string, filter map[string]any) []string {
	t.Helper()
	var out struct {
		Complaints struct {
			Edges []struct{ Node struct{ ID string } }
		}
	}
	mustOK(t, gql(t, env, tok, complaintsQuery, map[string]any{"f": filter, "first": 100}), &out)
	var ids []string
	for _, e := range out.Complaints.Edges {
		ids = append(ids, e.Node.ID)
	}
	slices.Sort(ids)
	return ids
}

func sorted(ids ...string) []string {
	out := slices.Clone(ids)
	slices.Sort(out)
	return out
}

func TestComplaints(t *testing.T) {
	t.Parallel()
	env := servertest.New(t)
	w := env.W1
	tok := tokens(t, env, w)
	w2 := login(t, env, env.W2, "admin")
	now := env.Clock.Now()
	rts := relTypes(t, env, tok["admin"])
	transactional, best := rts["Transactional"], rts["Best customer"]
	if transactional.ComplaintSLAHours != 24 || best.ComplaintSLAHours != 2 {
		t.Fatalf("default contracts changed: %+v %+v", transactional, best)
	}
	custT := seedCustomer(t, env, w, "Transactional A", "agentA", withType(transactional.ID))
	custBest := seedCustomer(t, env, w, "Best A", "agentA", withType(best.ID))
	custB := seedCustomer(t, env, w, "Customer of B", "agentB", withType(transactional.ID))
	custC := seedCustomer(t, env, w, "Customer of C", "agentC", withType(transactional.ID))

	t.Run("deadline from the contract, shorter when severe", func(t *testing.T) {
		for _, tc := range []struct {
			customer string
			sla      int
			severity string
			due      time.Duration
			steps    int
		}{
			{custT.ID, 24, "LOW", 24 * time.Hour, 0},
			{custT.ID, 24, "MEDIUM", 24 * time.Hour, 0},
			{custT.ID, 24, "HIGH", 12 * time.Hour, 7},
			{custT.ID, 24, "CRITICAL", 6 * time.Hour, 7},
			{custBest.ID, 2, "MEDIUM", 2 * time.Hour, 0},
			{custBest.ID, 2, "HIGH", time.Hour, 7},
			{custBest.ID, 2, "CRITICAL", time.Hour, 7}, // a quarter of 2 h, but never under an hour
		} {
			t.Run(tc.severity, func(t *testing.T) {
				k := openComplaint(t, env, tok["agentA"], map[string]any{"customerId": tc.customer, "severity": tc.severity, "channel": "EMAIL"})
				if k.Customer.RelationshipType.ComplaintSLAHours != tc.sla {
					t.Fatalf("complaintSlaHours = %d, want %d", k.Customer.RelationshipType.ComplaintSLAHours, tc.sla)
				}
				opened, due := parseTime(t, k.OpenedAt), parseTime(t, k.ResponseDueAt)
				if !opened.Equal(now) || due.Sub(opened) != tc.due {
					t.Errorf("opened %v, due %v later; want %v", opened, due.Sub(opened), tc.due)
				}
				if k.Status != "OPEN" || k.Owner.ID != w.Users["agentA"].ID || k.DeadlineBreached || k.Version != 1 || k.ReopenCount != 0 {
					t.Errorf("opened %+v", k)
				}
				if len(k.Steps) != tc.steps {
					t.Errorf("recovery steps = %d, want %d", len(k.Steps), tc.steps)
				}
				alerts := sqlInt(t, env, "SELECT count(*) FROM alerts WHERE kind = 'CRITICAL_COMPLAINT' AND subject_id = ?", k.ID)
				if want := map[bool]int{true: 1, false: 0}[tc.severity == "CRITICAL"]; alerts != want {
					t.Errorf("CRITICAL_COMPLAINT alerts = %d, want %d", alerts, want)
				}
				if auditCount(t, env, "complaint.open", k.ID) != 1 {
					t.Error("no complaint.open audit row")
				}
			})
		}
		t.Run("backdated by an integration", func(t *testing.T) {
			opened := now.Add(-3 * time.Hour)
			k := openComplaint(t, env, tok["agentA"], map[string]any{"customerId": custT.ID, "severity": "HIGH", "openedAt": ts(opened)})
			if !parseTime(t, k.OpenedAt).Equal(opened) || !parseTime(t, k.ResponseDueAt).Equal(opened.Add(12*time.Hour)) {
				t.Errorf("opened %s due %s", k.OpenedAt, k.ResponseDueAt)
			}
			if !parseTime(t, k.Steps[0].DueAt).Equal(opened.Add(2 * time.Hour)) {
				t.Errorf("first step due %s, want opened + 2h", k.Steps[0].DueAt)
			}
		})
	})

	t.Run("the automatic playbook is a workspace setting", func(t *testing.T) {
		var ws struct{ Workspace struct{ Version int } }
		mustOK(t, gql(t, env, w2, `{workspace{version}}`, nil), &ws)
		mustOK(t, gql(t, env, w2, `mutation($v:Int!){updateWorkspace(version:$v,input:{autoRecoveryPlaybook:false}){id}}`, map[string]any{"v": ws.Workspace.Version}), nil)
		c := seedCustomer(t, env, env.W2, "W2 critical", "agentA")
		k := openComplaint(t, env, w2, map[string]any{"customerId": c.ID, "severity": "CRITICAL"})
		if len(k.Steps) != 0 {
			t.Errorf("steps with the setting off = %d", len(k.Steps))
		}
		if n := sqlInt(t, env, "SELECT count(*) FROM alerts WHERE kind = 'CRITICAL_COMPLAINT' AND subject_id = ?", k.ID); n != 1 {
			t.Errorf("CRITICAL_COMPLAINT alerts = %d, want 1", n)
		}
	})

	t.Run("rejected opens", func(t *testing.T) {
		in := func(k string, v any) map[string]any {
			m := map[string]any{"customerId": custT.ID, "category": "BILLING", "severity": "LOW", "description": "wrong invoice"}
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
			{"unknown category", tok["agentA"], in("category", "WEATHER"), retain.EINVALID, ""},
			{"unknown severity", tok["agentA"], in("severity", "EXTREME"), retain.EINVALID, ""},
			{"opened 31 days ago", tok["agentA"], in("openedAt", ts(now.AddDate(0, 0, -31))), retain.EINVALID, "input.openedAt"},
			{"opened tomorrow", tok["agentA"], in("openedAt", ts(now.Add(24*time.Hour))), retain.EINVALID, "input.openedAt"},
			{"owner is a viewer", tok["agentA"], in("ownerId", w.Users["viewer"].ID), retain.EINVALID, "input.ownerId"},
			{"owner of W2", tok["agentA"], in("ownerId", env.W2.Users["agentA"].ID), retain.EINVALID, "input.ownerId"},
			{"customer of another agent", tok["agentA"], in("customerId", custB.ID), retain.ENOTFOUND, ""},
			{"W1 customer from W2", w2, in("customerId", custT.ID), retain.ENOTFOUND, ""},
			{"viewer", tok["viewer"], in("severity", "LOW"), retain.EFORBIDDEN, ""},
		} {
			t.Run(tc.name, func(t *testing.T) {
				wantErr(t, gql(t, env, tc.tok, openComplaintMut, map[string]any{"in": tc.in}), tc.code, tc.field)
			})
		}
		unchanged(t, env, before)
	})

	t.Run("the whole path", func(t *testing.T) {
		k := openComplaint(t, env, tok["agentA"], map[string]any{"customerId": custT.ID, "severity": "MEDIUM"})
		k = transition(t, env, tok["agentA"], k, map[string]any{"to": "ACKNOWLEDGED", "note": "called back"})
		if k.Status != "ACKNOWLEDGED" || k.AcknowledgedAt == nil || !parseTime(t, *k.AcknowledgedAt).Equal(now) || k.DeadlineBreached || k.Version != 2 {
			t.Errorf("acknowledged: %+v", k)
		}
		k = transition(t, env, tok["agentA"], k, map[string]any{"to": "REMEDIATING"})
		if k.Status != "REMEDIATING" || k.Version != 3 || !parseTime(t, *k.AcknowledgedAt).Equal(now) {
			t.Errorf("remediating: %+v", k)
		}
		k = transition(t, env, tok["agentA"], k, map[string]any{"to": "RESOLVED", "satisfaction": 4})
		if k.Status != "RESOLVED" || k.ResolvedAt == nil || k.Satisfaction == nil || *k.Satisfaction != 4 ||
			k.Customer.Satisfaction == nil || *k.Customer.Satisfaction != 4 {
			t.Errorf("resolved: %+v", k)
		}
		k = transition(t, env, tok["agentA"], k, map[string]any{"to": "CLOSED", "rootCause": "packing", "preventionAction": "double boxes"})
		if k.Status != "CLOSED" || k.ClosedAt == nil || k.RootCause != "packing" || k.PreventionAction != "double boxes" || k.Version != 5 || *k.Satisfaction != 4 {
			t.Errorf("closed: %+v", k)
		}
		if n := sqlInt(t, env, "SELECT count(*) FROM audit_log WHERE action = 'complaint.transition' AND entity_id = ? AND before->>'Status' IS NOT NULL AND after->>'Status' IS NOT NULL", k.ID); n != 4 {
			t.Errorf("transition audit rows with before/after = %d, want 4", n)
		}
		t.Run("reopen", func(t *testing.T) {
			env.Clock.Advance(time.Minute)
			defer env.Clock.Advance(-time.Minute)
			r := transition(t, env, tok["agentA"], k, map[string]any{"to": "OPEN", "note": "it broke again"})
			if r.Status != "OPEN" || r.ReopenCount != 1 || r.AcknowledgedAt != nil || r.ResolvedAt != nil || r.ClosedAt != nil ||
				!parseTime(t, r.OpenedAt).Equal(now.Add(time.Minute)) || !parseTime(t, r.ResponseDueAt).Equal(now.Add(time.Minute+24*time.Hour)) ||
				r.RootCause != "packing" {
				t.Errorf("reopened: %+v", r)
			}
			r = transition(t, env, tok["agentA"], r, map[string]any{"to": "ACKNOWLEDGED"})
			r = transition(t, env, tok["agentA"], r, map[string]any{"to": "REMEDIATING"})
			r = transition(t, env, tok["agentA"], r, map[string]any{"to": "RESOLVED"})
			r = transition(t, env, tok["agentA"], r, map[string]any{"to": "OPEN"})
			if r.ReopenCount != 2 {
				t.Errorf("reopened from resolved: %+v", r)
			}
		})
	})

	t.Run("root cause recorded before closing", func(t *testing.T) {
		k := openComplaint(t, env, tok["agentA"], map[string]any{"customerId": custT.ID, "severity": "LOW"})
		k = transition(t, env, tok["agentA"], k, map[string]any{"to": "ACKNOWLEDGED"})
		k = transition(t, env, tok["agentA"], k, map[string]any{"to": "REMEDIATING", "rootCause": "courier dropped it"})
		if k.RootCause != "courier dropped it" {
			t.Errorf("root cause given while remediating = %q", k.RootCause)
		}
		k = transition(t, env, tok["agentA"], k, map[string]any{"to": "RESOLVED", "preventionAction": "new courier"})
		k = transition(t, env, tok["agentA"], k, map[string]any{"to": "CLOSED"})
		if k.Status != "CLOSED" || k.RootCause != "courier dropped it" || k.PreventionAction != "new courier" {
			t.Errorf("closed %+v", k)
		}
	})

	// One complaint in every state, for the illegal moves.
	inState := map[string]complaintOut{}
	path := []string{"OPEN", "ACKNOWLEDGED", "REMEDIATING", "RESOLVED", "CLOSED"}
	for i, st := range path {
		k := openComplaint(t, env, tok["agentA"], map[string]any{"customerId": custT.ID, "severity": "LOW"})
		for _, to := range path[1 : i+1] {
			in := map[string]any{"to": to}
			if to == "CLOSED" {
				in["rootCause"], in["preventionAction"] = "cause", "prevention"
			}
			k = transition(t, env, tok["agentA"], k, in)
		}
		inState[st] = k
	}

	t.Run("illegal transitions", func(t *testing.T) {
		before := dbState(t, env)
		for _, tc := range []struct{ from, to string }{
			{"OPEN", "OPEN"}, {"OPEN", "REMEDIATING"}, {"OPEN", "RESOLVED"}, {"OPEN", "CLOSED"},
			{"ACKNOWLEDGED", "OPEN"}, {"ACKNOWLEDGED", "RESOLVED"}, {"ACKNOWLEDGED", "ACKNOWLEDGED"}, {"ACKNOWLEDGED", "CLOSED"},
			{"REMEDIATING", "OPEN"}, {"REMEDIATING", "ACKNOWLEDGED"}, {"REMEDIATING", "REMEDIATING"}, {"REMEDIATING", "CLOSED"},
			{"RESOLVED", "ACKNOWLEDGED"}, {"RESOLVED", "REMEDIATING"}, {"RESOLVED", "RESOLVED"},
			{"CLOSED", "ACKNOWLEDGED"}, {"CLOSED", "REMEDIATING"}, {"CLOSED", "RESOLVED"}, {"CLOSED", "CLOSED"},
		} {
			t.Run(tc.from+" to "+tc.to, func(t *testing.T) {
				k := inState[tc.from]
				if k.Status != tc.from {
					t.Fatalf("fixture in %s, want %s", k.Status, tc.from)
				}
				in := map[string]any{"to": tc.to, "rootCause": "c", "preventionAction": "p"}
				wantErr(t, gql(t, env, tok["agentA"], transitionMut, map[string]any{"id": k.ID, "v": k.Version, "in": in}), retain.EINVALID, "input.to")
			})
		}
		wantErr(t, gql(t, env, tok["agentA"], transitionMut, map[string]any{"id": inState["OPEN"].ID, "v": 1, "in": map[string]any{"to": "REOPENED"}}), retain.EINVALID, "")
		unchanged(t, env, before)
	})

	t.Run("other rejected transitions", func(t *testing.T) {
		res := inState["RESOLVED"]
		open := inState["OPEN"]
		before := dbState(t, env)
		for _, tc := range []struct {
			name, tok, id string
			version       int
			in            map[string]any
			code, field   string
		}{
			{"close without root cause", tok["agentA"], res.ID, res.Version, map[string]any{"to": "CLOSED", "preventionAction": "p"}, retain.EINVALID, "input.rootCause"},
			{"close with blank root cause", tok["agentA"], res.ID, res.Version, map[string]any{"to": "CLOSED", "rootCause": "  ", "preventionAction": "p"}, retain.EINVALID, "input.rootCause"},
			{"close without prevention", tok["agentA"], res.ID, res.Version, map[string]any{"to": "CLOSED", "rootCause": "c"}, retain.EINVALID, "input.preventionAction"},
			{"close without either", tok["agentA"], res.ID, res.Version, map[string]any{"to": "CLOSED"}, retain.EINVALID, ""},
			{"satisfaction 0", tok["agentA"], res.ID, res.Version, map[string]any{"to": "CLOSED", "rootCause": "c", "preventionAction": "p", "satisfaction": 0}, retain.EINVALID, "input.satisfaction"},
			{"satisfaction 6", tok["agentA"], res.ID, res.Version, map[string]any{"to": "CLOSED", "rootCause": "c", "preventionAction": "p", "satisfaction": 6}, retain.EINVALID, "input.satisfaction"},
			{"satisfaction before resolution", tok["agentA"], open.ID, open.Version, map[string]any{"to": "ACKNOWLEDGED", "satisfaction": 5}, retain.EINVALID, "input.satisfaction"},
			{"stale version", tok["agentA"], open.ID, open.Version - 1, map[string]any{"to": "ACKNOWLEDGED"}, retain.ECONFLICT, ""},
			{"another agent", tok["agentB"], open.ID, open.Version, map[string]any{"to": "ACKNOWLEDGED"}, retain.ENOTFOUND, ""},
			{"W2", w2, open.ID, open.Version, map[string]any{"to": "ACKNOWLEDGED"}, retain.ENOTFOUND, ""},
			{"unknown", tok["agentA"], db.NewID(), 1, map[string]any{"to": "ACKNOWLEDGED"}, retain.ENOTFOUND, ""},
			{"viewer", tok["viewer"], open.ID, open.Version, map[string]any{"to": "ACKNOWLEDGED"}, retain.EFORBIDDEN, ""},
		} {
			t.Run(tc.name, func(t *testing.T) {
				wantErr(t, gql(t, env, tc.tok, transitionMut, map[string]any{"id": tc.id, "v": tc.version, "in": tc.in}), tc.code, tc.field)
			})
		}
		unchanged(t, env, before)
		k := transition(t, env, tok["agentA"], res, map[string]any{"to": "CLOSED", "rootCause": "c", "preventionAction": "p", "satisfaction": 5})
		if k.Satisfaction == nil || *k.Satisfaction != 5 {
			t.Errorf("satisfaction on close = %v, want 5", k.Satisfaction)
		}
	})

	t.Run("escalate", func(t *testing.T) {
		kA := openComplaint(t, env, tok["agentA"], map[string]any{"customerId": custT.ID, "severity": "MEDIUM"})
		kC := openComplaint(t, env, tok["agentC"], map[string]any{"customerId": custC.ID, "severity": "MEDIUM"})
		closed := inState["CLOSED"]
		before := dbState(t, env)
		for _, tc := range []struct {
			name, tok, id string
			version       int
			manager       any
			code, field   string
		}{
			{"owner without a manager", tok["agentC"], kC.ID, 1, nil, retain.EINVALID, "managerId"},
			{"to an agent", tok["agentA"], kA.ID, 1, w.Users["agentB"].ID, retain.EINVALID, "managerId"},
			{"to a viewer", tok["agentA"], kA.ID, 1, w.Users["viewer"].ID, retain.EINVALID, "managerId"},
			{"to a W2 manager", tok["agentA"], kA.ID, 1, env.W2.Users["manager"].ID, retain.EINVALID, "managerId"},
			{"to garbage", tok["agentA"], kA.ID, 1, "boss", retain.EINVALID, "managerId"},
			{"closed complaint", tok["agentA"], closed.ID, closed.Version, nil, retain.EINVALID, ""},
			{"stale version", tok["agentA"], kA.ID, 0, nil, retain.ECONFLICT, ""},
			{"another agent", tok["agentB"], kA.ID, 1, nil, retain.ENOTFOUND, ""},
			{"W2", w2, kA.ID, 1, nil, retain.ENOTFOUND, ""},
			{"viewer", tok["viewer"], kA.ID, 1, nil, retain.EFORBIDDEN, ""},
		} {
			t.Run(tc.name, func(t *testing.T) {
				wantErr(t, gql(t, env, tc.tok, escalateMut, map[string]any{"id": tc.id, "v": tc.version, "m": tc.manager}), tc.code, tc.field)
			})
		}
		unchanged(t, env, before)

		var out struct{ EscalateComplaint complaintOut }
		mustOK(t, gql(t, env, tok["agentA"], escalateMut, map[string]any{"id": kA.ID, "v": 1, "n": "customer is furious"}), &out)
		if e := out.EscalateComplaint; e.EscalatedTo == nil || e.EscalatedTo.ID != w.Users["manager"].ID || e.EscalatedAt == nil || e.Version != 2 || e.Owner.ID != w.Users["agentA"].ID {
			t.Errorf("escalated to the owner's manager: %+v", e)
		}
		if n := sqlInt(t, env, "SELECT count(*) FROM audit_log WHERE action = 'complaint.escalate' AND entity_id = ? AND after->>'to' = ? AND after->>'note' = 'customer is furious'",
			kA.ID, w.Users["manager"].ID); n != 1 {
			t.Errorf("escalation audit rows = %d, want 1", n)
		}
		mustOK(t, gql(t, env, tok["agentC"], escalateMut, map[string]any{"id": kC.ID, "v": 1, "m": w.Users["admin"].ID}), &out)
		if e := out.EscalateComplaint; e.EscalatedTo == nil || e.EscalatedTo.ID != w.Users["admin"].ID {
			t.Errorf("escalated to a named manager: %+v", e)
		}
		mustOK(t, gql(t, env, tok["agentA"], escalateMut, map[string]any{"id": kA.ID, "v": 2, "m": w.Users["manager"].ID}), &out)
		if n := sqlInt(t, env, "SELECT count(*) FROM audit_log WHERE action = 'complaint.escalate' AND entity_id = ? AND before->>'escalatedToId' = ?", kA.ID, w.Users["manager"].ID); n != 1 {
			t.Errorf("re-escalation audit rows with the previous manager as before = %d, want 1", n)
		}
	})

	t.Run("pages cover the list once", func(t *testing.T) {
		whole := complaintIDs(t, env, tok["manager"], nil)
		var paged []string
		var after any
		for range 50 {
			var out struct {
				Complaints struct {
					Edges    []struct{ Node struct{ ID string } }
					PageInfo struct {
						HasNextPage bool
						EndCursor   *string
					}
				}
			}
			mustOK(t, gql(t, env, tok["manager"], complaintsQuery, map[string]any{"first": 3, "after": after}), &out)
			for _, e := range out.Complaints.Edges {
				paged = append(paged, e.Node.ID)
			}
			if !out.Complaints.PageInfo.HasNextPage {
				break
			}
			after = *out.Complaints.PageInfo.EndCursor
		}
		slices.Sort(paged)
		if len(whole) < 10 || !slices.Equal(paged, whole) {
			t.Errorf("paged %d complaints, whole list %d", len(paged), len(whole))
		}
		wantErr(t, gql(t, env, tok["manager"], complaintsQuery, map[string]any{"first": 3, "after": "garbage"}), retain.EINVALID, "after")
	})

	// Time travel last: the clock moves for the whole environment.
	t.Run("deadline breached with no write", func(t *testing.T) {
		exec(t, env, "UPDATE complaints SET status = 'CLOSED', root_cause = 'x', prevention_action = 'y', acknowledged_at = opened_at WHERE status <> 'CLOSED'")
		late := openComplaint(t, env, tok["agentA"], map[string]any{"customerId": custT.ID, "severity": "MEDIUM"}) // due in 24 h
		answered := openComplaint(t, env, tok["agentA"], map[string]any{"customerId": custT.ID, "severity": "MEDIUM"})
		transition(t, env, tok["agentA"], answered, map[string]any{"to": "ACKNOWLEDGED"})
		lateB := openComplaint(t, env, tok["agentB"], map[string]any{"customerId": custB.ID, "severity": "MEDIUM"})
		notYet := openComplaint(t, env, tok["agentA"], map[string]any{"customerId": custBest.ID, "severity": "LOW"}) // due in 2 h
		breached := map[string]any{"breached": true, "statuses": []string{"OPEN", "ACKNOWLEDGED", "REMEDIATING"}}
		if got := complaintIDs(t, env, tok["manager"], breached); len(got) != 0 {
			t.Fatalf("breached before the deadline: %v", got)
		}
		rows := dbState(t, env)

		env.Clock.Advance(time.Hour + time.Minute)
		tok := tokens(t, env, w)
		if got := complaintIDs(t, env, tok["agentA"], breached); len(got) != 0 {
			t.Errorf("breached one hour in: %v", got)
		}
		env.Clock.Advance(24 * time.Hour)
		tok = tokens(t, env, w)
		if got, want := complaintIDs(t, env, tok["agentA"], breached), sorted(late.ID, notYet.ID); !slices.Equal(got, want) {
			t.Errorf("agentA breached = %v, want %v", got, want)
		}
		if got, want := complaintIDs(t, env, tok["manager"], breached), sorted(late.ID, notYet.ID, lateB.ID); !slices.Equal(got, want) {
			t.Errorf("manager breached = %v, want %v", got, want)
		}
		notBreached := map[string]any{"breached": false, "statuses": []string{"OPEN", "ACKNOWLEDGED", "REMEDIATING"}}
		if got, want := complaintIDs(t, env, tok["agentA"], notBreached), sorted(answered.ID); !slices.Equal(got, want) {
			t.Errorf("agentA not breached = %v, want %v", got, want)
		}
		unchanged(t, env, rows) // nobody wrote anything

		t.Run("answering late stays breached", func(t *testing.T) {
			k := complaintByID(t, env, tok["agentA"], late.ID)
			transition(t, env, tok["agentA"], k, map[string]any{"to": "ACKNOWLEDGED"})
			if got := complaintIDs(t, env, tok["agentA"], breached); !slices.Contains(got, late.ID) {
				t.Errorf("late answer dropped out of the breached list: %v", got)
			}
		})

		t.Run("Complaint.deadlineBreached follows the server clock", func(t *testing.T) {
			k := complaintByID(t, env, tok["agentA"], notYet.ID)
			if !k.DeadlineBreached || k.BreachedAt == nil || *k.BreachedAt != k.ResponseDueAt {
				t.Errorf("deadlineBreached = %v, breachedAt = %v", k.DeadlineBreached, k.BreachedAt)
			}
		})
	})
}

func complaintByID(t testing.TB, env *servertest.Env, tok, id string) complaintOut {
	t.Helper()
	var out struct{ Complaint complaintOut }
	mustOK(t, gql(t, env, tok, complaintQuery, map[string]any{"id": id}), &out)
	return out.Complaint
}
