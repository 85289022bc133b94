package workflowtest_test

import (
	"slices"
	"testing"
	"time"

	"github.com/retain-crm/retain"
	"github.com/retain-crm/retain/server/servertest"
)

const auditQuery = `query($t:String,$id:ID,$first:Int,$after:String){auditLog(entityType:$t,entityId:$id,first:$first,after:$after){
  edges{cursor node{id action entityType entityId actor{id} actorTokenId before after requestId at}} pageInfo{hasNextPage endCursor}}}`

type auditEntry struct {
	ID, Action, EntityType, RequestID, At string
	EntityID, ActorTokenID                *string
	Actor                                 *idOf
	Before, After                         map[string]any
}

func auditLog(t testing.TB, env *servertest.Env, tok string, vars map[string]any) []auditEntry {
	t.Helper()
	var out struct {
		AuditLog struct {
			Edges []struct{ Node auditEntry }
		}
	}
	if _, ok := vars["first"]; !ok {
		vars["first"] = 100
	}
	mustOK(t, gql(t, env, tok, auditQuery, vars), &out)
	var list []auditEntry
	for _, e := range out.AuditLog.Edges {
		list = append(list, e.Node)
	}
	return list
}

func TestAuditLog(t *testing.T) {
	t.Parallel()
	env := servertest.New(t)
	w := env.W1
	tok := tokens(t, env, w)
	w2 := login(t, env, env.W2, "admin")
	now := env.Clock.Now()
	c := seedCustomer(t, env, w, "Audited", "agentA", withExternalID("AUD-1"))

	// A complaint's life, one step a second so the order is clear.
	k := openComplaint(t, env, tok["agentA"], map[string]any{"customerId": c.ID, "severity": "MEDIUM"})
	env.Clock.Advance(time.Second)
	k = transition(t, env, tok["agentA"], k, map[string]any{"to": "ACKNOWLEDGED"})
	env.Clock.Advance(time.Second)
	var esc struct{ EscalateComplaint complaintOut }
	mustOK(t, gql(t, env, tok["agentA"], escalateMut, map[string]any{"id": k.ID, "v": k.Version}), &esc)
	env.Clock.Advance(time.Second)
	k = transition(t, env, tok["manager"], esc.EscalateComplaint, map[string]any{"to": "REMEDIATING", "note": "taking it over"})

	t.Run("by entity, newest first, who and before/after", func(t *testing.T) {
		list := auditLog(t, env, tok["admin"], map[string]any{"t": "complaint", "id": k.ID})
		var actions []string
		for _, e := range list {
			actions = append(actions, e.Action)
			if e.EntityType != "complaint" || e.EntityID == nil || *e.EntityID != k.ID || e.RequestID == "" || e.ActorTokenID != nil {
				t.Errorf("entry %+v", e)
			}
		}
		if want := []string{"complaint.transition", "complaint.escalate", "complaint.transition", "complaint.open"}; !slices.Equal(actions, want) {
			t.Fatalf("actions = %v, want %v", actions, want)
		}
		if a := list[0].Actor; a == nil || a.ID != w.Users["manager"].ID {
			t.Errorf("remediate actor = %v, want the manager", a)
		}
		if a := list[3].Actor; a == nil || a.ID != w.Users["agentA"].ID {
			t.Errorf("open actor = %v, want agentA", a)
		}
		if list[0].Before["Status"] != "ACKNOWLEDGED" || list[0].After["Status"] != "REMEDIATING" || list[0].After["Note"] != "taking it over" {
			t.Errorf("remediate before/after: %v → %v (note %v)", list[0].Before["Status"], list[0].After["Status"], list[0].After["Note"])
		}
		if list[3].Before != nil || list[3].After["Status"] != "OPEN" {
			t.Errorf("open before/after: %v → %v", list[3].Before, list[3].After)
		}
		if !parseTime(t, list[3].At).Equal(now) || !parseTime(t, list[0].At).Equal(now.Add(3*time.Second)) {
			t.Errorf("times %s … %s", list[3].At, list[0].At)
		}
		// Every entry of the customer's complaint, one page at a time.
		var ids []string
		var after any
		for range 10 {
			var out struct {
				AuditLog struct {
					Edges    []struct{ Node auditEntry }
					PageInfo struct {
						HasNextPage bool
						EndCursor   *string
					}
				}
			}
			mustOK(t, gql(t, env, tok["admin"], auditQuery, map[string]any{"t": "complaint", "id": k.ID, "first": 1, "after": after}), &out)
			for _, e := range out.AuditLog.Edges {
				ids = append(ids, e.Node.ID)
			}
			if !out.AuditLog.PageInfo.HasNextPage {
				break
			}
			after = *out.AuditLog.PageInfo.EndCursor
		}
		if len(ids) != 4 || ids[0] != list[0].ID || ids[3] != list[3].ID {
			t.Errorf("paged ids %v", ids)
		}
	})

	t.Run("a token is recorded as the actor", func(t *testing.T) {
		erp := apiToken(t, env, tok["admin"], allScopes...)
		mustOK(t, gql(t, env, erp, logInteractionsMut, map[string]any{"rows": []map[string]any{{"externalId": "A-1", "customerExternalId": "AUD-1",
			"channel": "CALL", "occurredAt": ts(now), "summary": "from the call centre"}}}), nil)
		mustOK(t, gql(t, env, erp, logInteractionMut, map[string]any{"in": map[string]any{"customerId": c.ID, "channel": "EMAIL", "summary": "from the ticketing system"}}), nil)
		// One entry per interaction, imported or logged.
		list := auditLog(t, env, tok["admin"], map[string]any{"t": "interaction"})
		if len(list) != 2 {
			t.Fatalf("interaction audit entries = %d, want 2", len(list))
		}
		for _, e := range list {
			if e.Actor != nil || e.ActorTokenID == nil || e.Action != "interaction.log" || e.After["CustomerID"] != c.ID {
				t.Errorf("interaction audit: %+v", e)
			}
		}
		if list[1].After["ExternalID"] != "A-1" {
			t.Errorf("imported interaction audit: %+v", list[1].After)
		}
		// An order corrected by the ERP keeps its history.
		row := map[string]any{"externalId": "ORD-1", "customerExternalId": "AUD-1", "amount": 100, "orderedAt": ts(now)}
		mustOK(t, gql(t, env, erp, upsertOrdersMut, map[string]any{"rows": []map[string]any{row}}), nil)
		row["amount"] = 90
		mustOK(t, gql(t, env, erp, upsertOrdersMut, map[string]any{"rows": []map[string]any{row}}), nil)
		list = auditLog(t, env, tok["admin"], map[string]any{"t": "order"})
		if len(list) != 2 || list[0].Action != "order.correct" || list[0].Before["Amount"] != float64(100) || list[0].After["Amount"] != float64(90) ||
			list[1].Action != "order.record" || *list[0].EntityID != *list[1].EntityID {
			t.Errorf("order audit: %+v", list)
		}
		list = auditLog(t, env, tok["admin"], map[string]any{"t": "workspace", "id": w.ID})
		if len(list) != 4 || list[2].Action != "batch.logInteractions" || list[2].ActorTokenID == nil || list[2].After["rows"] != float64(1) {
			t.Errorf("batch audit: %+v", list)
		}
	})

	t.Run("admins only, own workspace only", func(t *testing.T) {
		for _, who := range []string{"manager", "agentA", "viewer"} {
			wantErr(t, gql(t, env, tok[who], auditQuery, map[string]any{"t": "complaint", "id": k.ID, "first": 10}), retain.EFORBIDDEN, "")
		}
		wantErr(t, gql(t, env, apiToken(t, env, tok["admin"], allScopes...), auditQuery, map[string]any{"first": 10}), retain.EFORBIDDEN, "")
		if list := auditLog(t, env, w2, map[string]any{"t": "complaint", "id": k.ID}); len(list) != 0 {
			t.Errorf("W2 admin reads W1's audit: %+v", list)
		}
		for _, e := range auditLog(t, env, w2, map[string]any{}) {
			if e.EntityID != nil && *e.EntityID == k.ID {
				t.Errorf("W2 audit log lists a W1 entry: %+v", e)
			}
		}
		wantErr(t, gql(t, env, tok["admin"], auditQuery, map[string]any{"id": "nope", "first": 10}), retain.EINVALID, "entityId")
	})
}
