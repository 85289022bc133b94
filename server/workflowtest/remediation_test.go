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
	stepFields     = `id position kind title status dueAt overdue cost notes skipReason completedAt version complaintId assignee{id} customer{id}`
	updateStepMut  = `mutation($id:ID!,$v:Int!,$in:UpdateStepInput!){updateRemediationStep(id:$id,version:$v,input:$in){` + stepFields + `}}`
	addStepMut     = `mutation($in:AddStepInput!){addRemediationStep(input:$in){` + stepFields + `}}`
	reorderMut     = `mutation($ids:[ID!]!){reorderRemediationSteps(stepIds:$ids){id position}}`
	applyMut       = `mutation($p:ID!,$k:ID,$c:ID){applyPlaybook(playbookId:$p,complaintId:$k,customerId:$c){` + stepFields + `}}`
	updatePlaybook = `mutation($id:ID!,$v:Int!,$n:String!,$s:[PlaybookStepInput!]!){updatePlaybook(id:$id,version:$v,name:$n,steps:$s){` + playbookFields + `}}`
	stepsQuery     = `query($id:ID!){complaint(id:$id){totalCost steps{` + stepFields + `}}}`
)

type fullStep struct {
	stepOut
	Notes       string
	CompletedAt *string
	Customer    idOf
}

func complaintSteps(t testing.TB, env *servertest.Env, tok, id string) ([]fullStep, float64) {
	t.Helper()
	var out struct {
		Complaint struct {
			TotalCost float64
			Steps     []fullStep
		}
	}
	mustOK(t, gql(t, env, tok, stepsQuery, map[string]any{"id": id}), &out)
	return out.Complaint.Steps, out.Complaint.TotalCost
}

func updateStep(t testing.TB, env *servertest.Env, tok string, s fullStep, in map[string]any) fullStep {
	t.Helper()
	var out struct{ UpdateRemediationStep fullStep }
	mustOK(t, gql(t, env, tok, updateStepMut, map[string]any{"id": s.ID, "v": s.Version, "in": in}), &out)
	return out.UpdateRemediationStep
}

func stepIDs(steps []fullStep) []string {
	out := make([]string, len(steps))
	for i, s := range steps {
		out[i] = s.ID
	}
	return out
}

func TestRemediation(t *testing.T) {
	t.Parallel()
	env := servertest.New(t)
	w := env.W1
	tok := tokens(t, env, w)
	w2 := login(t, env, env.W2, "admin")
	now := env.Clock.Now()
	u := func(k string) string { return w.Users[k].ID }
	pbs := playbooks(t, env, tok["agentA"])
	recovery, winBack := pbs["SERVICE_RECOVERY"], pbs["WIN_BACK"]
	if len(recovery.Steps) != 7 || len(winBack.Steps) != 5 || recovery.Purpose != "RECOVERY" || winBack.Purpose != "WIN_BACK" {
		t.Fatalf("default playbooks: %+v", pbs)
	}
	w2pbs := playbooks(t, env, w2)
	custA := seedCustomer(t, env, w, "Recovering A", "agentA")
	custB := seedCustomer(t, env, w, "Recovering B", "agentB")
	custC := seedCustomer(t, env, w, "Recovering C", "agentC")

	// A high complaint owned by the service agent C, for agentA's customer.
	k := openComplaint(t, env, tok["agentA"], map[string]any{"customerId": custA.ID, "severity": "HIGH", "ownerId": u("agentC")})
	kB := openComplaint(t, env, tok["agentB"], map[string]any{"customerId": custB.ID, "severity": "HIGH"})

	t.Run("recovery steps from the playbook", func(t *testing.T) {
		steps, total := complaintSteps(t, env, tok["agentA"], k.ID)
		if len(steps) != 7 || total != 0 {
			t.Fatalf("steps = %d, totalCost = %v", len(steps), total)
		}
		wantKinds := []string{"APOLOGISE", "ASK_REMEDY", "COMPENSATE", "ESCALATE", "CORRECT", "CARE", "ACCOUNTABILITY"}
		roleUser := map[string]string{"OWNER": u("agentA"), "MANAGER": u("manager"), "SERVICE": u("agentC")}
		for i, s := range steps {
			tpl := recovery.Steps[i]
			if s.Kind != wantKinds[i] || s.Kind != tpl.Kind || s.Title != tpl.Title || s.Position != i+1 || s.Status != "PENDING" || s.Cost != 0 ||
				s.ComplaintID == nil || *s.ComplaintID != k.ID || s.Customer.ID != custA.ID {
				t.Errorf("step %d = %+v, template %+v", i, s, tpl)
			}
			if want := now.Add(time.Duration(tpl.DueOffsetHours) * time.Hour); !parseTime(t, s.DueAt).Equal(want) {
				t.Errorf("step %d due %s, want opened + %dh", i, s.DueAt, tpl.DueOffsetHours)
			}
			if s.Assignee == nil || s.Assignee.ID != roleUser[tpl.DefaultAssigneeRole] {
				t.Errorf("step %d (%s) assignee = %v, want %s's", i, tpl.DefaultAssigneeRole, s.Assignee, tpl.DefaultAssigneeRole)
			}
		}
		if n := sqlInt(t, env, "SELECT count(*) FROM audit_log WHERE action = 'playbook.apply' AND entity_id = ?", k.ID); n != 1 {
			t.Errorf("playbook.apply audit rows = %d, want 1", n)
		}
	})

	t.Run("an owner without a manager takes the manager's steps", func(t *testing.T) {
		kc := openComplaint(t, env, tok["agentC"], map[string]any{"customerId": custC.ID, "severity": "CRITICAL"})
		for i, s := range kc.Steps {
			if s.Assignee == nil || s.Assignee.ID != u("agentC") {
				t.Errorf("step %d assignee = %v, want agentC", i, s.Assignee)
			}
		}
	})

	steps, _ := complaintSteps(t, env, tok["agentA"], k.ID)

	t.Run("complete and skip", func(t *testing.T) {
		s := updateStep(t, env, tok["agentA"], steps[0], map[string]any{"status": "DONE", "notes": "apologised in person"})
		if s.Status != "DONE" || s.CompletedAt == nil || !parseTime(t, *s.CompletedAt).Equal(now) || s.Notes != "apologised in person" || s.Version != 2 {
			t.Errorf("done: %+v", s)
		}
		steps[0] = s
		s = updateStep(t, env, tok["agentA"], steps[2], map[string]any{"status": "DONE", "cost": 150.5})
		if s.Cost != 150.5 {
			t.Errorf("cost = %v", s.Cost)
		}
		steps[2] = s
		if n := sqlInt(t, env, "SELECT count(*) FROM audit_log WHERE action = 'step.update' AND entity_id = ? AND before->>'Status' = 'PENDING' AND after->>'Status' = 'DONE'", s.ID); n != 1 {
			t.Errorf("step.update audit rows with before/after = %d, want 1", n)
		}

		before := dbState(t, env)
		for _, tc := range []struct {
			name        string
			tok         string
			step        fullStep
			version     int
			in          map[string]any
			code, field string
		}{
			{"skip without a reason", tok["agentA"], steps[1], steps[1].Version, map[string]any{"status": "SKIPPED"}, retain.EINVALID, "input.skipReason"},
			{"skip with a blank reason", tok["agentA"], steps[1], steps[1].Version, map[string]any{"status": "SKIPPED", "skipReason": "  "}, retain.EINVALID, "input.skipReason"},
			{"negative cost", tok["agentA"], steps[1], steps[1].Version, map[string]any{"cost": -5}, retain.EINVALID, "input.cost"},
			{"assign to a viewer", tok["agentA"], steps[1], steps[1].Version, map[string]any{"assigneeId": u("viewer")}, retain.EINVALID, "input.assigneeId"},
			{"assign to W2", tok["agentA"], steps[1], steps[1].Version, map[string]any{"assigneeId": env.W2.Users["agentA"].ID}, retain.EINVALID, "input.assigneeId"},
			{"due in 3 years", tok["agentA"], steps[1], steps[1].Version, map[string]any{"dueAt": ts(now.AddDate(3, 0, 0))}, retain.EINVALID, "input.dueAt"},
			{"unknown status", tok["agentA"], steps[1], steps[1].Version, map[string]any{"status": "LATER"}, retain.EINVALID, ""},
			{"stale version", tok["agentA"], steps[0], 1, map[string]any{"notes": "x"}, retain.ECONFLICT, ""},
			{"another agent", tok["agentB"], steps[1], steps[1].Version, map[string]any{"status": "DONE"}, retain.ENOTFOUND, ""},
			{"W2", w2, steps[1], steps[1].Version, map[string]any{"status": "DONE"}, retain.ENOTFOUND, ""},
			{"viewer", tok["viewer"], steps[1], steps[1].Version, map[string]any{"status": "DONE"}, retain.EFORBIDDEN, ""},
		} {
			t.Run(tc.name, func(t *testing.T) {
				wantErr(t, gql(t, env, tc.tok, updateStepMut, map[string]any{"id": tc.step.ID, "v": tc.version, "in": tc.in}), tc.code, tc.field)
			})
		}
		wantErr(t, gql(t, env, tok["agentA"], updateStepMut, map[string]any{"id": db.NewID(), "v": 1, "in": map[string]any{"status": "DONE"}}), retain.ENOTFOUND, "")
		unchanged(t, env, before)

		s = updateStep(t, env, tok["agentA"], steps[1], map[string]any{"status": "SKIPPED", "skipReason": "customer declined"})
		if s.Status != "SKIPPED" || s.SkipReason != "customer declined" || s.CompletedAt == nil {
			t.Errorf("skipped: %+v", s)
		}
		steps[1] = s
		s = updateStep(t, env, tok["agentA"], steps[3], map[string]any{"assigneeId": u("agentB"), "dueAt": ts(now.Add(-time.Hour))})
		if s.Assignee == nil || s.Assignee.ID != u("agentB") || !s.Overdue {
			t.Errorf("reassigned and overdue: %+v", s)
		}
		steps[3] = s
		s = updateStep(t, env, tok["manager"], steps[0], map[string]any{"status": "PENDING"})
		if s.Status != "PENDING" || s.CompletedAt != nil {
			t.Errorf("reopened step: %+v", s)
		}
		steps[0] = s
	})

	t.Run("add a step by hand", func(t *testing.T) {
		var out struct{ AddRemediationStep fullStep }
		mustOK(t, gql(t, env, tok["agentA"], addStepMut, map[string]any{"in": map[string]any{"complaintId": k.ID, "kind": "OTHER",
			"title": "送一张代金券", "dueAt": ts(now.Add(72 * time.Hour)), "cost": 30, "assigneeId": u("manager"), "notes": "voucher"}}), &out)
		s := out.AddRemediationStep
		if s.Position != 8 || s.Kind != "OTHER" || s.Title != "送一张代金券" || s.Cost != 30 || s.Assignee == nil || s.Assignee.ID != u("manager") ||
			s.ComplaintID == nil || *s.ComplaintID != k.ID || s.Status != "PENDING" {
			t.Errorf("added %+v", s)
		}
		steps = append(steps, s)
		mustOK(t, gql(t, env, tok["agentA"], addStepMut, map[string]any{"in": map[string]any{"complaintId": k.ID, "kind": "CARE", "title": "follow-up call",
			"dueAt": ts(now.Add(96 * time.Hour))}}), &out)
		if out.AddRemediationStep.Assignee == nil || out.AddRemediationStep.Assignee.ID != u("agentA") || out.AddRemediationStep.Position != 9 {
			t.Errorf("default assignee is the customer's owner: %+v", out.AddRemediationStep)
		}
		steps = append(steps, out.AddRemediationStep)

		in := func(kv ...any) map[string]any {
			m := map[string]any{"complaintId": k.ID, "kind": "OTHER", "title": "x", "dueAt": ts(now.Add(time.Hour))}
			for i := 0; i < len(kv); i += 2 {
				if kv[i+1] == nil {
					delete(m, kv[i].(string))
				} else {
					m[kv[i].(string)] = kv[i+1]
				}
			}
			return m
		}
		before := dbState(t, env)
		for _, tc := range []struct {
			name, tok   string
			in          map[string]any
			code, field string
		}{
			{"both complaint and customer", tok["agentA"], in("customerId", custA.ID), retain.EINVALID, "input.complaintId"},
			{"neither", tok["agentA"], in("complaintId", nil), retain.EINVALID, "input.complaintId"},
			{"negative cost", tok["agentA"], in("cost", -1), retain.EINVALID, "input.cost"},
			{"empty title", tok["agentA"], in("title", ""), retain.EINVALID, "input.title"},
			{"unknown kind", tok["agentA"], in("kind", "PRAY"), retain.EINVALID, ""},
			{"due 2 years ago", tok["agentA"], in("dueAt", ts(now.AddDate(-2, 0, 0))), retain.EINVALID, "input.dueAt"},
			{"assignee viewer", tok["agentA"], in("assigneeId", u("viewer")), retain.EINVALID, "input.assigneeId"},
			{"another agent's complaint", tok["agentA"], in("complaintId", kB.ID), retain.ENOTFOUND, ""},
			{"another agent's customer", tok["agentA"], in("complaintId", nil, "customerId", custB.ID), retain.ENOTFOUND, ""},
			{"W2", w2, in("title", "x"), retain.ENOTFOUND, ""},
			{"viewer", tok["viewer"], in("title", "x"), retain.EFORBIDDEN, ""},
		} {
			t.Run(tc.name, func(t *testing.T) {
				wantErr(t, gql(t, env, tc.tok, addStepMut, map[string]any{"in": tc.in}), tc.code, tc.field)
			})
		}
		unchanged(t, env, before)
	})

	t.Run("total cost", func(t *testing.T) {
		_, total := complaintSteps(t, env, tok["agentA"], k.ID)
		if total != 180.5 {
			t.Errorf("totalCost = %v, want 180.5", total)
		}
	})

	t.Run("reorder", func(t *testing.T) {
		ids := stepIDs(steps)
		slices.Reverse(ids)
		var out struct {
			ReorderRemediationSteps []struct {
				ID       string
				Position int
			}
		}
		mustOK(t, gql(t, env, tok["agentA"], reorderMut, map[string]any{"ids": ids}), &out)
		for i, s := range out.ReorderRemediationSteps {
			if s.ID != ids[i] || s.Position != i+1 {
				t.Errorf("reordered %d = %+v", i, s)
			}
		}
		now, _ := complaintSteps(t, env, tok["manager"], k.ID)
		if got := stepIDs(now); !slices.Equal(got, ids) {
			t.Errorf("order read back = %v, want %v", got, ids)
		}
		if n := sqlInt(t, env, "SELECT count(*) FROM audit_log WHERE action = 'step.reorder' AND entity_id = ? AND (before->'positions'->>?)::int = 1 AND after->'order'->>0 = ?",
			custA.ID, ids[len(ids)-1], ids[0]); n != 1 {
			t.Errorf("reorder audit rows = %d", n)
		}

		stepsB, _ := complaintSteps(t, env, tok["agentB"], kB.ID)
		other := openComplaint(t, env, tok["agentA"], map[string]any{"customerId": custA.ID, "severity": "HIGH"})
		before := dbState(t, env)
		for _, tc := range []struct {
			name, tok   string
			ids         []string
			code, field string
		}{
			{"missing a step", tok["agentA"], ids[1:], retain.EINVALID, "stepIds"},
			{"a step twice", tok["agentA"], append(slices.Clone(ids), ids[0]), retain.EINVALID, "stepIds"},
			{"a foreign step", tok["agentA"], append(slices.Clone(ids[1:]), stepsB[0].ID), retain.ENOTFOUND, "stepIds.8"},
			{"steps of two checklists", tok["agentA"], append(slices.Clone(ids), other.Steps[0].ID), retain.EINVALID, "stepIds"},
			{"unknown step", tok["agentA"], append(slices.Clone(ids[1:]), db.NewID()), retain.ENOTFOUND, ""},
			{"none", tok["agentA"], []string{}, retain.EINVALID, "stepIds"},
			{"another agent's checklist", tok["agentA"], stepIDs(stepsB), retain.ENOTFOUND, "stepIds.0"},
			{"W2", w2, ids, retain.ENOTFOUND, ""},
			{"viewer", tok["viewer"], ids, retain.EFORBIDDEN, ""},
		} {
			t.Run(tc.name, func(t *testing.T) {
				wantErr(t, gql(t, env, tc.tok, reorderMut, map[string]any{"ids": tc.ids}), tc.code, tc.field)
			})
		}
		unchanged(t, env, before)
	})

	t.Run("apply playbooks", func(t *testing.T) {
		lr := lossReasonIDs(t, env, tok["admin"])
		lost := seedCustomer(t, env, w, "Lost A", "agentA")
		var cv struct{ ChangeStage struct{ Version int } }
		mustOK(t, gql(t, env, tok["agentA"], `mutation($in:ChangeStageInput!){changeStage(input:$in){version}}`,
			map[string]any{"in": map[string]any{"customerId": lost.ID, "version": lost.Version, "to": "LOST", "lossReasonId": lr["PRICE"]}}), &cv)
		var out struct{ ApplyPlaybook []fullStep }
		mustOK(t, gql(t, env, tok["agentA"], applyMut, map[string]any{"p": winBack.ID, "c": lost.ID}), &out)
		wantKinds := []string{"CONTACT", "LISTEN", "PLAN", "FULFIL", "FIX_DEFECT"}
		roleUser := map[string]string{"OWNER": u("agentA"), "MANAGER": u("manager")}
		if len(out.ApplyPlaybook) != 5 {
			t.Fatalf("win-back steps = %d, want 5", len(out.ApplyPlaybook))
		}
		for i, s := range out.ApplyPlaybook {
			tpl := winBack.Steps[i]
			if s.Kind != wantKinds[i] || s.Position != i+1 || s.ComplaintID != nil || s.Customer.ID != lost.ID ||
				!parseTime(t, s.DueAt).Equal(now.Add(time.Duration(tpl.DueOffsetHours)*time.Hour)) ||
				s.Assignee == nil || s.Assignee.ID != roleUser[tpl.DefaultAssigneeRole] {
				t.Errorf("win-back step %d = %+v (template %+v)", i, s, tpl)
			}
		}
		var wb struct {
			Customer struct{ WinBackSteps []fullStep }
		}
		mustOK(t, gql(t, env, tok["agentA"], `query($id:ID!){customer(id:$id){winBackSteps{`+stepFields+`}}}`, map[string]any{"id": lost.ID}), &wb)
		if len(wb.Customer.WinBackSteps) != 5 {
			t.Errorf("winBackSteps = %d, want 5", len(wb.Customer.WinBackSteps))
		}

		// The recovery playbook by hand on a low complaint, twice: the second run appends.
		low := openComplaint(t, env, tok["agentA"], map[string]any{"customerId": custA.ID, "severity": "LOW"})
		mustOK(t, gql(t, env, tok["agentA"], applyMut, map[string]any{"p": recovery.ID, "k": low.ID}), &out)
		mustOK(t, gql(t, env, tok["agentA"], applyMut, map[string]any{"p": recovery.ID, "k": low.ID}), &out)
		if len(out.ApplyPlaybook) != 7 || out.ApplyPlaybook[0].Position != 8 {
			t.Errorf("second application starts at %d", out.ApplyPlaybook[0].Position)
		}

		before := dbState(t, env)
		for _, tc := range []struct {
			name, tok         string
			playbook          string
			complaint, custID any
			code, field       string
		}{
			{"both targets", tok["agentA"], winBack.ID, low.ID, lost.ID, retain.EINVALID, "complaintId"},
			{"no target", tok["agentA"], winBack.ID, nil, nil, retain.EINVALID, "complaintId"},
			{"unknown playbook", tok["agentA"], db.NewID(), nil, lost.ID, retain.ENOTFOUND, ""},
			{"garbage playbook", tok["agentA"], "pb", nil, lost.ID, retain.ENOTFOUND, ""},
			{"W2 playbook", tok["agentA"], w2pbs["WIN_BACK"].ID, nil, lost.ID, retain.ENOTFOUND, ""},
			{"another agent's complaint", tok["agentA"], recovery.ID, kB.ID, nil, retain.ENOTFOUND, ""},
			{"another agent's customer", tok["agentA"], winBack.ID, nil, custB.ID, retain.ENOTFOUND, ""},
			{"W2 on W1 customer", w2, w2pbs["WIN_BACK"].ID, nil, lost.ID, retain.ENOTFOUND, ""},
			{"viewer", tok["viewer"], winBack.ID, nil, lost.ID, retain.EFORBIDDEN, ""},
		} {
			t.Run(tc.name, func(t *testing.T) {
				wantErr(t, gql(t, env, tc.tok, applyMut, map[string]any{"p": tc.playbook, "k": tc.complaint, "c": tc.custID}), tc.code, tc.field)
			})
		}
		unchanged(t, env, before)
	})

	t.Run("edit a playbook", func(t *testing.T) {
		newSteps := []map[string]any{
			{"kind": "APOLOGISE", "title": "Say sorry within the hour", "dueOffsetHours": 1, "defaultAssigneeRole": "SERVICE"},
			{"kind": "COMPENSATE", "title": "Offer a voucher", "dueOffsetHours": 24, "defaultAssigneeRole": "OWNER"},
			{"kind": "ACCOUNTABILITY", "title": "Review with the team", "dueOffsetHours": 72, "defaultAssigneeRole": "MANAGER"},
		}
		before := dbState(t, env)
		for _, tc := range []struct {
			name, tok   string
			id          string
			version     int
			name2       string
			steps       any
			code, field string
		}{
			{"agent", tok["agentA"], recovery.ID, 1, "x", newSteps, retain.EFORBIDDEN, ""},
			{"viewer", tok["viewer"], recovery.ID, 1, "x", newSteps, retain.EFORBIDDEN, ""},
			{"stale version", tok["manager"], recovery.ID, 0, "x", newSteps, retain.ECONFLICT, ""},
			{"no steps", tok["manager"], recovery.ID, 1, "x", []map[string]any{}, retain.EINVALID, "input.steps"},
			{"empty name", tok["manager"], recovery.ID, 1, " ", newSteps, retain.EINVALID, "input.name"},
			{"negative offset", tok["manager"], recovery.ID, 1, "x", []map[string]any{{"kind": "CARE", "title": "t", "dueOffsetHours": -1, "defaultAssigneeRole": "OWNER"}}, retain.EINVALID, "input.steps.0.dueOffsetHours"},
			{"empty step title", tok["manager"], recovery.ID, 1, "x", []map[string]any{{"kind": "CARE", "title": "", "dueOffsetHours": 1, "defaultAssigneeRole": "OWNER"}}, retain.EINVALID, "input.steps.0.title"},
			{"unknown role", tok["manager"], recovery.ID, 1, "x", []map[string]any{{"kind": "CARE", "title": "t", "dueOffsetHours": 1, "defaultAssigneeRole": "CEO"}}, retain.EINVALID, ""},
			{"W2 admin", w2, recovery.ID, 1, "x", newSteps, retain.ENOTFOUND, ""},
			{"unknown playbook", tok["admin"], db.NewID(), 1, "x", newSteps, retain.ENOTFOUND, ""},
		} {
			t.Run(tc.name, func(t *testing.T) {
				wantErr(t, gql(t, env, tc.tok, updatePlaybook, map[string]any{"id": tc.id, "v": tc.version, "n": tc.name2, "s": tc.steps}), tc.code, tc.field)
			})
		}
		unchanged(t, env, before)

		var out struct{ UpdatePlaybook playbook }
		mustOK(t, gql(t, env, tok["manager"], updatePlaybook, map[string]any{"id": recovery.ID, "v": 1, "n": "Fast recovery", "s": newSteps}), &out)
		pb := out.UpdatePlaybook
		if pb.Name != "Fast recovery" || pb.Version != 2 || pb.Code != "SERVICE_RECOVERY" || len(pb.Steps) != 3 || pb.Steps[2].Position != 3 || pb.Steps[0].DefaultAssigneeRole != "SERVICE" {
			t.Errorf("updated %+v", pb)
		}
		if got := playbooks(t, env, tok["agentA"])["SERVICE_RECOVERY"]; len(got.Steps) != 3 || got.Steps[1].Title != "Offer a voucher" {
			t.Errorf("read back %+v", got)
		}
		if n := sqlInt(t, env, "SELECT count(*) FROM audit_log WHERE action = 'playbook.update' AND entity_id = ? AND jsonb_array_length(before->'steps') = 7 AND jsonb_array_length(after->'steps') = 3", recovery.ID); n != 1 {
			t.Errorf("playbook.update audit rows with the old and new steps = %d, want 1", n)
		}
		kc := openComplaint(t, env, tok["agentA"], map[string]any{"customerId": custA.ID, "severity": "CRITICAL"})
		if len(kc.Steps) != 3 || kc.Steps[0].Assignee.ID != u("agentA") || !parseTime(t, kc.Steps[0].DueAt).Equal(now.Add(time.Hour)) {
			t.Errorf("a new critical complaint gets the edited playbook: %+v", kc.Steps)
		}
		mustOK(t, gql(t, env, tok["admin"], updatePlaybook, map[string]any{"id": recovery.ID, "v": 2, "n": "Admin edit", "s": newSteps[:1]}), &out)
		if out.UpdatePlaybook.Version != 3 {
			t.Errorf("admin edit: %+v", out.UpdatePlaybook)
		}
		if got := playbooks(t, env, w2)["SERVICE_RECOVERY"]; len(got.Steps) != 7 || got.Version != 1 {
			t.Errorf("W2's playbook changed: %+v", got)
		}
	})

	// Time travel last: the clock moves for the whole environment.
	t.Run("steps fall overdue with no write", func(t *testing.T) {
		// The recovery playbook is down to one step due in an hour; add one due in eight.
		fresh := openComplaint(t, env, tok["agentB"], map[string]any{"customerId": custB.ID, "severity": "HIGH"})
		mustOK(t, gql(t, env, tok["agentB"], addStepMut, map[string]any{"in": map[string]any{"complaintId": fresh.ID, "kind": "CARE",
			"title": "later", "dueAt": ts(now.Add(8 * time.Hour))}}), nil)
		env.Clock.Advance(3 * time.Hour)
		tok := tokens(t, env, w)
		// The next write rescoring the customer counts the overdue step.
		logInteraction(t, env, tok["agentB"], map[string]any{"customerId": custB.ID, "channel": "CALL", "summary": "still waiting"})
		var out struct {
			Customer struct{ RiskFactors []struct{ Key string } }
		}
		mustOK(t, gql(t, env, tok["agentB"], `query($id:ID!){customer(id:$id){riskFactors{key}}}`, map[string]any{"id": custB.ID}), &out)
		if !slices.ContainsFunc(out.Customer.RiskFactors, func(f struct{ Key string }) bool { return f.Key == "remediation_overdue" }) {
			t.Errorf("risk factors after a step fell overdue: %+v", out.Customer.RiskFactors)
		}
		t.Run("RemediationStep.overdue follows the server clock", func(t *testing.T) {
			steps, _ := complaintSteps(t, env, tok["agentB"], fresh.ID)
			if len(steps) != 2 || !steps[0].Overdue || steps[1].Overdue {
				t.Errorf("steps = %+v; want the first overdue, the second not", steps)
			}
		})
	})
}
