package server_test

import (
	"strings"
	"testing"

	"github.com/retain-crm/retain"
	"github.com/retain-crm/retain/db"
	"github.com/retain-crm/retain/server/servertest"
)

const typeFields = `id name description contactCadenceDays complaintSlaHours dos donts benefitBudget riskWeights{contactOverdue openComplaints} version`
const createTypeMut = `mutation($in:RelationshipTypeInput!){createRelationshipType(input:$in){` + typeFields + `}}`
const updateTypeMut = `mutation($id:ID!,$v:Int!,$in:RelationshipTypeInput!){updateRelationshipType(id:$id,version:$v,input:$in){` + typeFields + `}}`

func typeIn(name string) map[string]any {
	return map[string]any{"name": name, "contactCadenceDays": 14, "complaintSlaHours": 8}
}

type typeOut struct {
	ID, Name           string
	ContactCadenceDays int
	ComplaintSLAHours  int `json:"complaintSlaHours"`
	Dos, Donts         []string
	BenefitBudget      float64
	RiskWeights        struct{ ContactOverdue, OpenComplaints *int }
	Version            int
}

func TestRelationshipTypes(t *testing.T) {
	t.Parallel()
	env := servertest.New(t)
	w := env.W1
	tok := tokens(t, env, w)

	var created struct{ CreateRelationshipType typeOut }
	in := map[string]any{"name": " 朋友 Friends ", "description": "Treat as equals", "contactCadenceDays": 365, "complaintSlaHours": 720,
		"dos": []string{" Remember birthdays "}, "donts": []string{"Never expose their privacy"}, "benefitBudget": 1500.5,
		"riskWeights": map[string]any{"contactOverdue": 100, "openComplaints": 0}}
	mustOK(t, gql(t, env, tok["admin"], createTypeMut, map[string]any{"in": in}), &created)
	rt := created.CreateRelationshipType
	if rt.Name != "朋友 Friends" || rt.ContactCadenceDays != 365 || rt.ComplaintSLAHours != 720 || rt.Version != 1 ||
		len(rt.Dos) != 1 || rt.Dos[0] != "Remember birthdays" || rt.RiskWeights.ContactOverdue == nil || *rt.RiskWeights.ContactOverdue != 100 ||
		rt.RiskWeights.OpenComplaints == nil || *rt.RiskWeights.OpenComplaints != 0 {
		t.Errorf("created %+v", rt)
	}
	var byManager struct{ CreateRelationshipType typeOut }
	mustOK(t, gql(t, env, tok["manager"], createTypeMut, map[string]any{"in": typeIn("Manager's own")}), &byManager)
	if n := sqlInt(t, env, "SELECT count(*) FROM audit_log WHERE entity_id = ? AND action = 'relationshipType.create'", rt.ID); n != 1 {
		t.Errorf("audit rows = %d", n)
	}

	with := func(k string, v any) map[string]any {
		m := typeIn("Fresh")
		m[k] = v
		return m
	}
	before := dbState(t, env)
	row := rowJSON(t, env, "relationship_types", rt.ID)
	for _, tc := range []struct {
		name, who   string
		in          map[string]any
		code, field string
	}{
		{"agent", "agentA", typeIn("Agent's"), retain.EFORBIDDEN, ""},
		{"viewer", "viewer", typeIn("Viewer's"), retain.EFORBIDDEN, ""},
		{"cadence 0", "admin", with("contactCadenceDays", 0), retain.EINVALID, "input.contactCadenceDays"},
		{"cadence 366", "admin", with("contactCadenceDays", 366), retain.EINVALID, "input.contactCadenceDays"},
		{"cadence negative", "admin", with("contactCadenceDays", -7), retain.EINVALID, "input.contactCadenceDays"},
		{"cadence beyond Int", "admin", with("contactCadenceDays", 1e10), retain.EINVALID, ""},
		{"SLA 0", "admin", with("complaintSlaHours", 0), retain.EINVALID, "input.complaintSlaHours"},
		{"SLA 721", "admin", with("complaintSlaHours", 721), retain.EINVALID, "input.complaintSlaHours"},
		{"negative budget", "admin", with("benefitBudget", -1), retain.EINVALID, "input.benefitBudget"},
		{"budget 1e12", "admin", with("benefitBudget", 1e12), retain.EINVALID, "input.benefitBudget"},
		{"weight 101", "admin", with("riskWeights", map[string]any{"sentiment": 101}), retain.EINVALID, "input.riskWeights.sentiment"},
		{"weight -1", "admin", with("riskWeights", map[string]any{"returns": -1}), retain.EINVALID, "input.riskWeights.returns"},
		{"unknown weight", "admin", with("riskWeights", map[string]any{"luck": 5}), retain.EINVALID, ""},
		{"empty name", "admin", with("name", " "), retain.EINVALID, "input.name"},
		{"101-char name", "admin", with("name", strings.Repeat("关", 101)), retain.EINVALID, "input.name"},
		{"2001-char description", "admin", with("description", strings.Repeat("d", 2001)), retain.EINVALID, "input.description"},
		{"31 dos", "admin", with("dos", strings.Split(strings.Repeat("x,", 30)+"x", ",")), retain.EINVALID, "input.dos"},
		{"empty do", "admin", with("dos", []string{""}), retain.EINVALID, "input.dos"},
		{"301-char don't", "admin", with("donts", []string{strings.Repeat("n", 301)}), retain.EINVALID, "input.donts"},
		{"missing cadence", "admin", map[string]any{"name": "x", "complaintSlaHours": 8}, retain.EINVALID, ""},
		{"duplicate name", "admin", typeIn("朋友 Friends"), retain.ECONFLICT, "input.name"},
		{"duplicate name, padded", "manager", typeIn("  Manager's own "), retain.ECONFLICT, "input.name"},
	} {
		t.Run("create/"+tc.name, func(t *testing.T) {
			wantErr(t, gql(t, env, tok[tc.who], createTypeMut, map[string]any{"in": tc.in}), tc.code, tc.field)
		})
	}
	for _, tc := range []struct {
		name, who, id string
		version       int
		in            map[string]any
		code, field   string
	}{
		{"agent", "agentA", rt.ID, 1, typeIn("x"), retain.EFORBIDDEN, ""},
		{"stale version", "admin", rt.ID, 0, typeIn("Lost update"), retain.ECONFLICT, ""},
		{"future version", "manager", rt.ID, 2, typeIn("Lost update"), retain.ECONFLICT, ""},
		{"rename onto another", "admin", rt.ID, 1, typeIn("Manager's own"), retain.ECONFLICT, "input.name"},
		{"cadence 0", "admin", rt.ID, 1, with("contactCadenceDays", 0), retain.EINVALID, "input.contactCadenceDays"},
		{"weight 101", "admin", rt.ID, 1, with("riskWeights", map[string]any{"ownerRisk": 101}), retain.EINVALID, "input.riskWeights.ownerRisk"},
		{"unknown id", "admin", db.NewID(), 1, typeIn("x"), retain.ENOTFOUND, ""},
		{"garbage id", "admin", "x", 1, typeIn("x"), retain.ENOTFOUND, ""},
		{"W2 type", "admin", env.W2.RelationshipTypeID, 1, typeIn("x"), retain.ENOTFOUND, ""},
	} {
		t.Run("update/"+tc.name, func(t *testing.T) {
			wantErr(t, gql(t, env, tok[tc.who], updateTypeMut, map[string]any{"id": tc.id, "v": tc.version, "in": tc.in}), tc.code, tc.field)
		})
	}
	if got := rowJSON(t, env, "relationship_types", rt.ID); got != row {
		t.Errorf("refused updates changed the type:\n%s\n%s", row, got)
	}
	unchanged(t, env, before)

	t.Run("update by manager", func(t *testing.T) {
		var out struct{ UpdateRelationshipType typeOut }
		mustOK(t, gql(t, env, tok["manager"], updateTypeMut, map[string]any{"id": rt.ID, "v": 1, "in": typeIn("Friends")}), &out)
		if out.UpdateRelationshipType.Version != 2 || out.UpdateRelationshipType.Name != "Friends" || out.UpdateRelationshipType.RiskWeights.ContactOverdue != nil {
			t.Errorf("update = %+v", out.UpdateRelationshipType)
		}
		wantErr(t, gql(t, env, tok["admin"], updateTypeMut, map[string]any{"id": rt.ID, "v": 1, "in": typeIn("Second writer")}), retain.ECONFLICT, "")
	})
	t.Run("W2 cannot see W1 types", func(t *testing.T) {
		r := gql(t, env, login(t, env, env.W2, "admin").Access, `{relationshipTypes{id name}}`, nil)
		mustOK(t, r, nil)
		if strings.Contains(r.Raw, rt.ID) || strings.Contains(r.Raw, "Friends\"") {
			t.Errorf("W2 lists a W1 type: %s", r.Raw)
		}
	})
}
