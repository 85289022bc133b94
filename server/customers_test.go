package server_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/retain-crm/retain"
	"github.com/retain-crm/retain/db"
	"github.com/retain-crm/retain/server/servertest"
)

const fullCustomer = `id externalId name company email phone city industry stage tier potential
  owner{id} backupOwner{id} relationshipType{id} tags details preferences annualRevenue acquisitionCost
  satisfaction ownerDeparted riskScore riskLevel version archivedAt`

type customerOut struct {
	ID, Name, Company, Email, Stage, Tier, Potential string
	ExternalID                                       *string
	Owner                                            struct{ ID string }
	BackupOwner                                      *struct{ ID string }
	Tags                                             []string
	Details                                          map[string]any
	AnnualRevenue                                    float64
	Version                                          int
	OwnerDeparted                                    bool
	ArchivedAt                                       *string
}

func TestCreateCustomer(t *testing.T) {
	t.Parallel()
	env := servertest.New(t)
	w := env.W1
	admin := login(t, env, w, "admin").Access
	agent := login(t, env, w, "agentA").Access

	t.Run("admin, every field", func(t *testing.T) {
		in := map[string]any{
			"externalId": "ERP-0001", "name": "  王伟  ", "company": "华东贸易有限公司", "email": "wang.wei@example.cn",
			"phone": "+86 138 0000 0000", "city": "上海", "industry": "Retail", "stage": "PROSPECT", "tier": "PKA",
			"potential": "A", "ownerId": w.Users["agentA"].ID, "backupOwnerId": w.Users["agentB"].ID,
			"relationshipTypeId": w.RelationshipTypeID, "tags": []string{"vip", "vip", " 华东 ", `quo"te`, `back\slash`, "{brace}", "a,b"},
			"details": map[string]any{"son": "needs shoes", "fruit": []any{"apple"}}, "preferences": map[string]any{"contact": "WeChat"},
			"annualRevenue": 999999999999.99, "acquisitionCost": 0.5,
		}
		var out struct{ CreateCustomer json.RawMessage }
		mustOK(t, gql(t, env, admin, `mutation($in:CreateCustomerInput!){createCustomer(input:$in){`+fullCustomer+`}}`, map[string]any{"in": in}), &out)
		var c customerOut
		if err := json.Unmarshal(out.CreateCustomer, &c); err != nil {
			t.Fatal(err)
		}
		if c.Name != "王伟" || c.Stage != "PROSPECT" || c.Tier != "PKA" || c.Owner.ID != w.Users["agentA"].ID ||
			c.BackupOwner == nil || c.BackupOwner.ID != w.Users["agentB"].ID || c.Version != 1 || c.AnnualRevenue != 999999999999.99 {
			t.Errorf("created %+v", c)
		}
		if want := []string{"vip", "华东", `quo"te`, `back\slash`, "{brace}", "a,b"}; strings.Join(c.Tags, "|") != strings.Join(want, "|") {
			t.Errorf("tags = %q, want %q", c.Tags, want)
		}
		// What was stored reads back the same.
		var again struct{ Customer json.RawMessage }
		mustOK(t, gql(t, env, admin, `query($id:ID!){customer(id:$id){`+fullCustomer+`}}`, map[string]any{"id": c.ID}), &again)
		if string(again.Customer) != string(out.CreateCustomer) {
			t.Errorf("read back %s\nwant %s", again.Customer, out.CreateCustomer)
		}
		// The audit row and the first stage change are written with it.
		if n := sqlInt(t, env, "SELECT count(*) FROM audit_log WHERE entity_id = ? AND action = 'customer.create' AND actor_user_id = ? AND request_id <> ''", c.ID, w.Users["admin"].ID); n != 1 {
			t.Errorf("audit rows = %d, want 1", n)
		}
		if n := sqlInt(t, env, "SELECT count(*) FROM stage_changes WHERE customer_id = ? AND to_stage = 'PROSPECT' AND from_stage IS NULL", c.ID); n != 1 {
			t.Errorf("stage changes = %d, want 1", n)
		}
	})
	t.Run("boundaries accepted", func(t *testing.T) {
		in := customerIn(w, strings.Repeat("王", 200), "agentA")
		in["tags"] = []string{strings.Repeat("标", 40)}
		in["details"] = map[string]any{"k": strings.Repeat("x", 16<<10-20)}
		id := createCustomer(t, env, admin, in).ID
		if n := sqlInt(t, env, "SELECT char_length(name) FROM customers WHERE id = ?", id); n != 200 {
			t.Errorf("stored name has %d characters, want 200", n)
		}
	})
	t.Run("agent defaults to owning it", func(t *testing.T) {
		var out struct{ CreateCustomer customerOut }
		mustOK(t, gql(t, env, agent, `mutation($rt:ID!){createCustomer(input:{name:"Mine",relationshipTypeId:$rt}){`+fullCustomer+`}}`,
			map[string]any{"rt": w.RelationshipTypeID}), &out)
		c := out.CreateCustomer
		if c.Owner.ID != w.Users["agentA"].ID || c.Stage != "ACTIVE" || c.Tier != "STANDARD" || c.Potential != "B" || c.Tags == nil || c.Details == nil {
			t.Errorf("defaults: %+v", c)
		}
	})
}

func TestCreateCustomerBadInput(t *testing.T) {
	t.Parallel()
	env := servertest.New(t)
	w1, w2 := env.W1, env.W2
	admin := login(t, env, w1, "admin").Access
	agent := login(t, env, w1, "agentA").Access
	existing := customerIn(w1, "Existing", "agentA")
	existing["externalId"] = "ERP-1"
	createCustomer(t, env, admin, existing)
	w2Customer := createCustomer(t, env, login(t, env, w2, "admin").Access, customerIn(w2, "Other", "agentA"))
	w2Type := w2.RelationshipTypeID

	set := func(k string, v any) func(map[string]any) { return func(m map[string]any) { m[k] = v } }
	many := func(n int, s func(int) string) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = s(i)
		}
		return out
	}
	tooBig := map[string]any{"blob": strings.Repeat("x", 16<<10)}

	cases := []struct {
		name  string
		tok   string
		edit  func(map[string]any)
		code  string
		field string
	}{
		{"empty name", admin, set("name", ""), retain.EINVALID, "input.name"},
		{"whitespace name", admin, set("name", " \t\n "), retain.EINVALID, "input.name"},
		{"201-char name", admin, set("name", strings.Repeat("a", 201)), retain.EINVALID, "input.name"},
		{"201 Chinese chars name", admin, set("name", strings.Repeat("王", 201)), retain.EINVALID, "input.name"},
		{"NUL in name", admin, set("name", "a\x00b"), retain.EINVALID, "input.name"},
		{"control char in name", admin, set("name", "a\x1bb"), retain.EINVALID, "input.name"},
		{"null name", admin, set("name", nil), retain.EINVALID, ""},
		{"201-char company", admin, set("company", strings.Repeat("c", 201)), retain.EINVALID, "input.company"},
		{"51-char phone", admin, set("phone", strings.Repeat("1", 51)), retain.EINVALID, "input.phone"},
		{"101-char city", admin, set("city", strings.Repeat("c", 101)), retain.EINVALID, "input.city"},
		{"email without @", admin, set("email", "not-an-email"), retain.EINVALID, "input.email"},
		{"email without domain dot", admin, set("email", "a@b"), retain.EINVALID, "input.email"},
		{"email with two @", admin, set("email", "a@@b.com"), retain.EINVALID, "input.email"},
		{"email without local part", admin, set("email", "@example.com"), retain.EINVALID, "input.email"},
		{"email with space", admin, set("email", "a b@example.com"), retain.EINVALID, "input.email"},
		{"email with display name", admin, set("email", "Bob <bob@example.com>"), retain.EINVALID, "input.email"},
		{"two emails", admin, set("email", "a@example.com, b@example.com"), retain.EINVALID, "input.email"},
		{"email with newline header", admin, set("email", "a@example.com\nBcc: x@evil.com"), retain.EINVALID, "input.email"},
		{"255-char email", admin, set("email", strings.Repeat("a", 243)+"@example.com"), retain.EINVALID, "input.email"},
		{"unknown tier", admin, set("tier", "PLATINUM"), retain.EINVALID, ""},
		{"lower-case tier", admin, set("tier", "tka"), retain.EINVALID, ""},
		{"unknown stage", admin, set("stage", "GONE"), retain.EINVALID, ""},
		{"created as lost", admin, set("stage", "LOST"), retain.EINVALID, "input.stage"},
		{"potential D", admin, set("potential", "D"), retain.EINVALID, "input.potential"},
		{"owner of another workspace", admin, set("ownerId", w2.Users["agentA"].ID), retain.EINVALID, "input.ownerId"},
		{"owner not a uuid", admin, set("ownerId", "not-a-uuid"), retain.EINVALID, "input.ownerId"},
		{"owner uuid without dashes", admin, set("ownerId", strings.ReplaceAll(w1.Users["agentA"].ID, "-", "")), retain.EINVALID, "input.ownerId"},
		{"owner unknown", admin, set("ownerId", db.NewID()), retain.EINVALID, "input.ownerId"},
		{"owner SQL", admin, set("ownerId", "' OR 1=1 --"), retain.EINVALID, "input.ownerId"},
		{"viewer as owner", admin, set("ownerId", w1.Users["viewer"].ID), retain.EINVALID, "input.ownerId"},
		{"backup is owner", admin, set("backupOwnerId", w1.Users["agentA"].ID), retain.EINVALID, "input.backupOwnerId"},
		{"backup of another workspace", admin, set("backupOwnerId", w2.Users["agentB"].ID), retain.EINVALID, "input.backupOwnerId"},
		{"viewer as backup", admin, set("backupOwnerId", w1.Users["viewer"].ID), retain.EINVALID, "input.backupOwnerId"},
		{"agent creating for someone else", agent, set("ownerId", w1.Users["agentB"].ID), retain.EINVALID, "input.ownerId"},
		{"relationship type of W2", admin, set("relationshipTypeId", w2Type), retain.EINVALID, "input.relationshipTypeId"},
		{"relationship type unknown", admin, set("relationshipTypeId", db.NewID()), retain.EINVALID, "input.relationshipTypeId"},
		{"relationship type not a uuid", admin, set("relationshipTypeId", "x"), retain.EINVALID, "input.relationshipTypeId"},
		{"relationship type missing", admin, func(m map[string]any) { delete(m, "relationshipTypeId") }, retain.EINVALID, ""},
		{"referred by a W2 customer", admin, set("referredById", w2Customer.ID), retain.EINVALID, "input.referredById"},
		{"referred by garbage", admin, set("referredById", "x"), retain.EINVALID, "input.referredById"},
		{"negative annualRevenue", admin, set("annualRevenue", -1), retain.EINVALID, "input.annualRevenue"},
		{"1e13 annualRevenue", admin, set("annualRevenue", 1e13), retain.EINVALID, "input.annualRevenue"},
		{"1e300 annualRevenue", admin, set("annualRevenue", 1e300), retain.EINVALID, "input.annualRevenue"},
		{"string annualRevenue", admin, set("annualRevenue", "lots"), retain.EINVALID, ""},
		{"negative acquisitionCost", admin, set("acquisitionCost", -0.01), retain.EINVALID, "input.acquisitionCost"},
		{"revenue rounding to 1e12", admin, set("annualRevenue", 999999999999.999), retain.EINVALID, "input.annualRevenue"},
		{"21 tags", admin, set("tags", many(21, func(i int) string { return fmt.Sprint("t", i) })), retain.EINVALID, "input.tags"},
		{"41-char tag", admin, set("tags", []string{strings.Repeat("t", 41)}), retain.EINVALID, "input.tags"},
		{"empty tag", admin, set("tags", []string{"ok", " "}), retain.EINVALID, "input.tags"},
		{"details over 16 KiB", admin, set("details", tooBig), retain.EINVALID, "input.details"},
		{"preferences over 16 KiB", admin, set("preferences", tooBig), retain.EINVALID, "input.preferences"},
		{"details not an object", admin, set("details", []any{1, 2}), retain.EINVALID, ""},
		{"details a string", admin, set("details", "{}"), retain.EINVALID, ""},
		{"NUL in details", admin, set("details", map[string]any{"k": "a\x00b"}), retain.EINVALID, "input.details"},
		{"empty externalId", admin, set("externalId", ""), retain.EINVALID, "input.externalId"},
		{"101-char externalId", admin, set("externalId", strings.Repeat("e", 101)), retain.EINVALID, "input.externalId"},
		{"duplicate externalId", admin, set("externalId", "ERP-1"), retain.ECONFLICT, "input.externalId"},
		{"duplicate externalId, padded", admin, set("externalId", " ERP-1 "), retain.ECONFLICT, "input.externalId"},
		{"unknown input field", admin, set("riskScore", 0), retain.EINVALID, ""},
	}
	before := dbState(t, env)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			in := customerIn(w1, "New customer", "agentA")
			tc.edit(in)
			r := gql(t, env, tc.tok, `mutation($in:CreateCustomerInput!){createCustomer(input:$in){id}}`, map[string]any{"in": in})
			wantErr(t, r, tc.code, tc.field)
		})
	}
	t.Run("enum literal", func(t *testing.T) {
		t.Parallel()
		r := gql(t, env, admin, `mutation($rt:ID!){createCustomer(input:{name:"x",relationshipTypeId:$rt,tier:PLATINUM}){id}}`, map[string]any{"rt": w1.RelationshipTypeID})
		wantErr(t, r, retain.EINVALID, "")
	})
	t.Run("anonymous", func(t *testing.T) {
		t.Parallel()
		wantErr(t, gql(t, env, "", createCustomerMut, map[string]any{"in": customerIn(w1, "x", "agentA")}), retain.EUNAUTHENTICATED, "")
	})
	t.Cleanup(func() { unchanged(t, env, before) })
}

const updateCustomerMut = `mutation($id:ID!,$v:Int!,$in:UpdateCustomerInput!){updateCustomer(id:$id,version:$v,input:$in){id name version tags}}`

func TestUpdateCustomer(t *testing.T) {
	t.Parallel()
	env := servertest.New(t)
	w := env.W1
	admin := login(t, env, w, "admin").Access
	c := createCustomer(t, env, admin, customerIn(w, "Original", "agentA"))
	other := customerIn(w, "Other", "agentB")
	other["externalId"] = "TAKEN"
	createCustomer(t, env, admin, other)

	t.Run("ok", func(t *testing.T) {
		var out struct {
			UpdateCustomer struct {
				Name    string
				Version int
				Tags    []string
			}
		}
		mustOK(t, gql(t, env, admin, updateCustomerMut, map[string]any{"id": c.ID, "v": 1, "in": map[string]any{"name": "Renamed", "tags": []string{"a"}, "satisfaction": 4}}), &out)
		if out.UpdateCustomer.Name != "Renamed" || out.UpdateCustomer.Version != 2 {
			t.Fatalf("update = %+v", out.UpdateCustomer)
		}
		if n := sqlInt(t, env, "SELECT count(*) FROM audit_log WHERE entity_id = ? AND action = 'customer.update' AND before->>'Name' = 'Original' AND after->>'Name' = 'Renamed'", c.ID); n != 1 {
			t.Errorf("audit rows = %d, want 1 with before and after", n)
		}
	})

	row := rowJSON(t, env, "customers", c.ID)
	before := dbState(t, env)
	for _, tc := range []struct {
		name    string
		id      string
		version int
		in      map[string]any
		code    string
		field   string
	}{
		{"stale version", c.ID, 1, map[string]any{"name": "Lost update"}, retain.ECONFLICT, ""},
		{"future version", c.ID, 3, map[string]any{"name": "Lost update"}, retain.ECONFLICT, ""},
		{"negative version", c.ID, -1, map[string]any{"name": "x"}, retain.ECONFLICT, ""},
		{"empty name", c.ID, 2, map[string]any{"name": ""}, retain.EINVALID, "input.name"},
		{"201 Chinese chars", c.ID, 2, map[string]any{"name": strings.Repeat("伟", 201)}, retain.EINVALID, "input.name"},
		{"bad email", c.ID, 2, map[string]any{"email": "nope"}, retain.EINVALID, "input.email"},
		{"satisfaction 0", c.ID, 2, map[string]any{"satisfaction": 0}, retain.EINVALID, "input.satisfaction"},
		{"satisfaction 6", c.ID, 2, map[string]any{"satisfaction": 6}, retain.EINVALID, "input.satisfaction"},
		{"satisfaction overflow", c.ID, 2, map[string]any{"satisfaction": 1e12}, retain.EINVALID, ""},
		{"unknown tier", c.ID, 2, map[string]any{"tier": "GOLD"}, retain.EINVALID, ""},
		{"potential E", c.ID, 2, map[string]any{"potential": "E"}, retain.EINVALID, "input.potential"},
		{"relationship type of W2", c.ID, 2, map[string]any{"relationshipTypeId": env.W2.RelationshipTypeID}, retain.EINVALID, "input.relationshipTypeId"},
		{"relationship type garbage", c.ID, 2, map[string]any{"relationshipTypeId": "x"}, retain.EINVALID, "input.relationshipTypeId"},
		{"21 tags", c.ID, 2, map[string]any{"tags": strings.Split(strings.Repeat("t,", 20)+"u", ",")}, retain.EINVALID, ""},
		{"41-char tag", c.ID, 2, map[string]any{"tags": []string{strings.Repeat("x", 41)}}, retain.EINVALID, "input.tags"},
		{"negative revenue", c.ID, 2, map[string]any{"annualRevenue": -5}, retain.EINVALID, "input.annualRevenue"},
		{"1e13 revenue", c.ID, 2, map[string]any{"annualRevenue": 1e13}, retain.EINVALID, "input.annualRevenue"},
		{"details over 16 KiB", c.ID, 2, map[string]any{"details": map[string]any{"x": strings.Repeat("y", 17000)}}, retain.EINVALID, "input.details"},
		{"taken externalId", c.ID, 2, map[string]any{"externalId": "TAKEN"}, retain.ECONFLICT, "input.externalId"},
		{"stage is not patchable", c.ID, 2, map[string]any{"stage": "LOST"}, retain.EINVALID, ""},
		{"owner is not patchable", c.ID, 2, map[string]any{"ownerId": w.Users["agentB"].ID}, retain.EINVALID, ""},
		{"unknown id", db.NewID(), 2, map[string]any{"name": "x"}, retain.ENOTFOUND, ""},
		{"garbage id", "x", 2, map[string]any{"name": "x"}, retain.ENOTFOUND, ""},
		{"W2 customer id shape", env.W2.ID, 2, map[string]any{"name": "x"}, retain.ENOTFOUND, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			wantErr(t, gql(t, env, admin, updateCustomerMut, map[string]any{"id": tc.id, "v": tc.version, "in": tc.in}), tc.code, tc.field)
		})
	}
	if got := rowJSON(t, env, "customers", c.ID); got != row {
		t.Errorf("refused updates changed the row:\n%s\n%s", row, got)
	}
	unchanged(t, env, before)

	t.Run("clear externalId with empty string", func(t *testing.T) {
		mustOK(t, gql(t, env, admin, updateCustomerMut, map[string]any{"id": c.ID, "v": 2, "in": map[string]any{"externalId": "NEW"}}), nil)
		mustOK(t, gql(t, env, admin, updateCustomerMut, map[string]any{"id": c.ID, "v": 3, "in": map[string]any{"externalId": ""}}), nil)
		if n := sqlInt(t, env, "SELECT count(*) FROM customers WHERE id = ? AND external_id IS NULL", c.ID); n != 1 {
			t.Error("externalId not cleared")
		}
	})
}

func TestConcurrentUpdates(t *testing.T) {
	t.Parallel()
	env := servertest.New(t)
	w := env.W1
	admin := login(t, env, w, "admin").Access
	c := createCustomer(t, env, admin, customerIn(w, "Contended", "agentA"))

	const n = 20
	var wg sync.WaitGroup
	codes := make([]string, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := gql(t, env, admin, updateCustomerMut, map[string]any{"id": c.ID, "v": 1, "in": map[string]any{"name": fmt.Sprint("writer ", i)}})
			codes[i] = r.Code()
			if r.Status == 0 {
				codes[i] = "transport"
			}
		}()
	}
	wg.Wait()
	wins := 0
	for i, code := range codes {
		switch code {
		case "":
			wins++
		case retain.ECONFLICT:
		default:
			t.Errorf("writer %d: code %q", i, code)
		}
	}
	if wins != 1 {
		t.Fatalf("%d writers succeeded with the same version, want exactly 1 (%v)", wins, codes)
	}
	if v := sqlInt(t, env, "SELECT version FROM customers WHERE id = ?", c.ID); v != 2 {
		t.Errorf("version = %d, want 2", v)
	}
	if a := sqlInt(t, env, "SELECT count(*) FROM audit_log WHERE entity_id = ? AND action = 'customer.update'", c.ID); a != 1 {
		t.Errorf("update audit rows = %d, want 1", a)
	}
}

func TestArchiveCustomer(t *testing.T) {
	t.Parallel()
	env := servertest.New(t)
	w := env.W1
	admin := login(t, env, w, "admin").Access
	agent := login(t, env, w, "agentA").Access
	c := createCustomer(t, env, agent, customerIn(w, "Leaving", "agentA"))
	createCustomer(t, env, agent, customerIn(w, "Staying", "agentA"))
	const archive = `mutation($id:ID!,$v:Int!){archiveCustomer(id:$id,version:$v){id version archivedAt}}`

	before := dbState(t, env)
	wantErr(t, gql(t, env, agent, archive, map[string]any{"id": c.ID, "v": 7}), retain.ECONFLICT, "")
	unchanged(t, env, before)

	var out struct {
		ArchiveCustomer struct {
			Version    int
			ArchivedAt *string
		}
	}
	mustOK(t, gql(t, env, agent, archive, map[string]any{"id": c.ID, "v": 1}), &out)
	if out.ArchiveCustomer.ArchivedAt == nil || out.ArchiveCustomer.Version != 2 {
		t.Fatalf("archive = %+v", out.ArchiveCustomer)
	}
	if n := sqlInt(t, env, "SELECT count(*) FROM audit_log WHERE entity_id = ? AND action = 'customer.archive'", c.ID); n != 1 {
		t.Errorf("archive audit rows = %d", n)
	}

	// An archived customer is gone from every ordinary read: customer(id)
	// answers NOT_FOUND exactly as for an id that never existed.
	for _, tok := range []string{admin, agent} {
		r := gql(t, env, tok, `query($id:ID!){customer(id:$id){id}}`, map[string]any{"id": c.ID})
		wantErr(t, r, retain.ENOTFOUND, "")
		if !strings.Contains(string(r.Data), `"customer":null`) {
			t.Errorf("data = %s, want customer null", r.Data)
		}
		list := listCustomers(t, env, tok, nil)
		if !sameSet(list.names(), []string{"Staying"}) || list.TotalCount != 1 {
			t.Errorf("list after archive: %v (total %d)", list.names(), list.TotalCount)
		}
	}
	var types struct {
		RelationshipTypes []struct {
			ID            string
			CustomerCount int
		}
	}
	mustOK(t, gql(t, env, admin, `{relationshipTypes{id customerCount}}`, nil), &types)
	for _, rt := range types.RelationshipTypes {
		if rt.ID == w.RelationshipTypeID && rt.CustomerCount != 1 {
			t.Errorf("customerCount = %d, want 1 (archived excluded)", rt.CustomerCount)
		}
	}
	// includeArchived shows it in lists, for those who look on purpose.
	all := listCustomers(t, env, admin, map[string]any{"filter": map[string]any{"includeArchived": true}})
	if !sameSet(all.names(), []string{"Staying", "Leaving"}) || all.TotalCount != 2 {
		t.Errorf("includeArchived: %v", all.names())
	}
	before = dbState(t, env)
	wantErr(t, gql(t, env, agent, archive, map[string]any{"id": c.ID, "v": 2}), retain.ENOTFOUND, "")
	wantErr(t, gql(t, env, agent, updateCustomerMut, map[string]any{"id": c.ID, "v": 2, "in": map[string]any{"name": "Back"}}), retain.ENOTFOUND, "")
	wantErr(t, gql(t, env, admin, `mutation($ids:[ID!]!,$o:ID!){reassignCustomers(ids:$ids,ownerId:$o){id}}`, map[string]any{"ids": []string{c.ID}, "o": w.Users["agentB"].ID}), retain.ENOTFOUND, "")
	in := customerIn(w, "Referred", "agentA")
	in["referredById"] = c.ID
	wantErr(t, gql(t, env, agent, createCustomerMut, map[string]any{"in": in}), retain.EINVALID, "input.referredById")
	unchanged(t, env, before)
}

// TestCustomerPagination walks every order in pages and checks the walk
// equals one big page: no row skipped or repeated, even across ties.
func TestCustomerPagination(t *testing.T) {
	t.Parallel()
	env := servertest.New(t)
	w := env.W1
	admin := login(t, env, w, "admin").Access
	agent := login(t, env, w, "agentA").Access
	ctx := context.Background()
	owners := []string{"agentA", "agentB", "agentC"}
	const total = 35
	for i := range total {
		name := fmt.Sprintf("Customer %02d", i)
		switch {
		case i%7 == 0:
			name = "Same Name" // ties on the sort key
		case i%5 == 0:
			name = fmt.Sprintf("客户%d", i)
		}
		if i%4 == 0 {
			env.Clock.Advance(time.Second) // some created_at ties, some not
		}
		seedCustomer(t, env, w, retain.CustomerInput{Name: name, OwnerID: w.Users[owners[i%3]].ID})
	}
	exec(t, env, "UPDATE customers SET risk_score = (abs(hashtext(id::text)) % 4) * 10 WHERE workspace_id = ?", w.ID)
	exec(t, env, "UPDATE customers SET last_contact_at = now() - (abs(hashtext(name)) % 3) * interval '1 day' WHERE workspace_id = ? AND abs(hashtext(id::text)) % 3 <> 0", w.ID)
	exec(t, env, "UPDATE customers SET updated_at = updated_at + interval '1 hour' WHERE workspace_id = ? AND abs(hashtext(id::text)) % 2 = 0", w.ID)
	_ = ctx

	walk := func(t *testing.T, tok, order string, size int) ([]string, int) {
		var ids []string
		var after any
		totalCount := -1
		for pages := 0; ; pages++ {
			if pages > 100 {
				t.Fatal("pagination does not end")
			}
			c := listCustomers(t, env, tok, map[string]any{"first": size, "after": after, "order": order})
			if totalCount >= 0 && c.TotalCount != totalCount {
				t.Errorf("totalCount changed between pages: %d then %d", totalCount, c.TotalCount)
			}
			totalCount = c.TotalCount
			if len(c.Edges) > size {
				t.Fatalf("page of %d rows for first:%d", len(c.Edges), size)
			}
			for _, e := range c.Edges {
				ids = append(ids, e.Node.ID)
			}
			if !c.PageInfo.HasNextPage {
				break
			}
			if len(c.Edges) != size || c.PageInfo.EndCursor == nil || *c.PageInfo.EndCursor != c.Edges[len(c.Edges)-1].Cursor {
				t.Fatalf("inconsistent page: %d rows, endCursor %v", len(c.Edges), c.PageInfo.EndCursor)
			}
			after = *c.PageInfo.EndCursor
		}
		return ids, totalCount
	}
	for _, order := range []string{"RISK_DESC", "NAME_ASC", "UPDATED_DESC", "LAST_CONTACT_ASC", "CREATED_DESC"} {
		t.Run(order, func(t *testing.T) {
			t.Parallel()
			for _, who := range []struct {
				tok  string
				want int
			}{{admin, total}, {agent, (total + 2) / 3}} {
				one := listCustomers(t, env, who.tok, map[string]any{"first": 100, "order": order})
				var want []string
				for _, e := range one.Edges {
					want = append(want, e.Node.ID)
				}
				for _, size := range []int{10, 3} {
					got, count := walk(t, who.tok, order, size)
					if strings.Join(got, ",") != strings.Join(want, ",") {
						t.Errorf("pages of %d differ from one page:\n%v\n%v", size, got, want)
					}
					seen := map[string]bool{}
					for _, id := range got {
						if seen[id] {
							t.Errorf("%s appears twice", id)
						}
						seen[id] = true
					}
					if len(got) != who.want || count != who.want {
						t.Errorf("walked %d rows, totalCount %d, want %d", len(got), count, who.want)
					}
				}
			}
		})
	}
	t.Run("risk order is by risk", func(t *testing.T) {
		t.Parallel()
		var out struct {
			Customers struct {
				Edges []struct{ Node struct{ RiskScore int } }
			}
		}
		mustOK(t, gql(t, env, admin, `{customers(first:100,orderBy:RISK_DESC){edges{node{riskScore}}}}`, nil), &out)
		for i := 1; i < len(out.Customers.Edges); i++ {
			if out.Customers.Edges[i].Node.RiskScore > out.Customers.Edges[i-1].Node.RiskScore {
				t.Fatalf("not descending at %d", i)
			}
		}
	})

	first := listCustomers(t, env, admin, map[string]any{"first": 2, "order": "NAME_ASC"})
	good := first.Edges[1].Cursor
	raw, _ := base64.RawURLEncoding.DecodeString(good)
	enc := func(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }
	riskCursor := listCustomers(t, env, admin, map[string]any{"first": 1, "order": "RISK_DESC"}).Edges[0].Cursor
	t.Run("bad cursors and sizes", func(t *testing.T) {
		t.Parallel()
		for _, tc := range []struct {
			name  string
			vars  map[string]any
			field string
		}{
			{"garbage", map[string]any{"after": "garbage!", "order": "NAME_ASC"}, "after"},
			{"truncated", map[string]any{"after": good[:len(good)-4], "order": "NAME_ASC"}, "after"},
			{"cursor of another order", map[string]any{"after": riskCursor, "order": "NAME_ASC"}, "after"},
			{"name cursor on risk order", map[string]any{"after": good, "order": "RISK_DESC"}, "after"},
			{"id not a uuid", map[string]any{"after": enc(strings.Replace(string(raw), `"i":"`, `"i":"x`, 1)), "order": "NAME_ASC"}, "after"},
			{"risk value not a number", map[string]any{"after": enc(`{"o":"RISK_DESC","v":"1; DROP TABLE customers","i":"` + db.NewID() + `"}`), "order": "RISK_DESC"}, "after"},
			{"time value garbage", map[string]any{"after": enc(`{"o":"CREATED_DESC","v":"2020-13-45","i":"` + db.NewID() + `"}`), "order": "CREATED_DESC"}, "after"},
			{"last contact garbage", map[string]any{"after": enc(`{"o":"LAST_CONTACT_ASC","v":"infinity'::timestamptz--","i":"` + db.NewID() + `"}`), "order": "LAST_CONTACT_ASC"}, "after"},
			{"json array", map[string]any{"after": enc(`[1,2]`), "order": "NAME_ASC"}, "after"},
			{"huge", map[string]any{"after": strings.Repeat("A", 5000), "order": "NAME_ASC"}, "after"},
			{"first 0", map[string]any{"first": 0}, "first"},
			{"first -1", map[string]any{"first": -1}, "first"},
			{"first 101", map[string]any{"first": 101}, "first"},
			{"first null", map[string]any{"first": nil}, "first"},
			{"unknown order", map[string]any{"order": "PRICE_ASC"}, ""},
		} {
			vars := map[string]any{"first": 10}
			for k, v := range tc.vars {
				vars[k] = v
			}
			wantErr(t, gql(t, env, admin, customersQuery, vars), retain.EINVALID, tc.field)
		}
	})
	t.Run("hostile name cursor is only a value", func(t *testing.T) {
		t.Parallel()
		after := enc(`{"o":"NAME_ASC","v":"' OR 1=1 --","i":"` + db.NewID() + `"}`)
		c := listCustomers(t, env, admin, map[string]any{"first": 100, "after": after, "order": "NAME_ASC"})
		if c.TotalCount != total {
			t.Errorf("totalCount = %d", c.TotalCount)
		}
	})
	t.Run("default page size", func(t *testing.T) {
		t.Parallel()
		var out struct{ Customers connection }
		mustOK(t, gql(t, env, admin, `{customers{edges{node{id}} pageInfo{hasNextPage}}}`, nil), &out)
		if len(out.Customers.Edges) != 20 || !out.Customers.PageInfo.HasNextPage {
			t.Errorf("default page: %d rows", len(out.Customers.Edges))
		}
	})
}

func TestCustomerFilters(t *testing.T) {
	t.Parallel()
	env := servertest.New(t)
	w := env.W1
	admin := login(t, env, w, "admin").Access
	agent := login(t, env, w, "agentA").Access
	rt := w.RelationshipTypeID
	var types struct{ RelationshipTypes []struct{ ID string } }
	mustOK(t, gql(t, env, admin, `{relationshipTypes{id}}`, nil), &types)
	rt2 := types.RelationshipTypes[1].ID
	if rt2 == rt {
		rt2 = types.RelationshipTypes[0].ID
	}
	u := func(k string) string { return w.Users[k].ID }
	seed := func(in retain.CustomerInput) *retain.Customer { return seedCustomer(t, env, w, in) }
	wang := seed(retain.CustomerInput{Name: "王伟", Stage: retain.StageActive, Tier: retain.TierTKA, OwnerID: u("agentA"), RelationshipTypeID: rt, Tags: []string{"vip", "华东"}})
	seed(retain.CustomerInput{Name: "Li Na 100%", Stage: retain.StageProspect, Tier: retain.TierPKA, OwnerID: u("agentB"), RelationshipTypeID: rt2, Tags: []string{"vip"}, Email: "li.na@example.com"})
	acme := seed(retain.CustomerInput{Name: "Acme_Co", Company: "Acme Corporation", Phone: "+86 138 0000 0000", Stage: retain.StageSuspended, Tier: retain.TierMarginal, OwnerID: u("agentC"), RelationshipTypeID: rt})
	zhang := seed(retain.CustomerInput{Name: "Zhang San", Stage: retain.StageDormant, Tier: retain.TierStandard, OwnerID: u("manager"), RelationshipTypeID: rt})
	seed(retain.CustomerInput{Name: "Plain 1000", Stage: retain.StageActive, Tier: retain.TierIKA, OwnerID: u("admin"), RelationshipTypeID: rt})
	exec(t, env, "UPDATE customers SET risk_level = 'CRITICAL', risk_score = 90 WHERE id = ?", wang.ID)
	exec(t, env, "UPDATE customers SET risk_level = 'AT_RISK', risk_score = 60 WHERE name = 'Li Na 100%'")
	// Lost is reached through the life cycle with a loss reason; set it directly.
	exec(t, env, "UPDATE customers SET owner_departed = true, stage = 'LOST' WHERE id = ?", acme.ID)
	exec(t, env, "INSERT INTO contacts (workspace_id, customer_id, name, email, wechat) VALUES (?, ?, '赵六', 'zhao@contact.cn', 'zs_wechat')", w.ID, zhang.ID)

	all := []string{"王伟", "Li Na 100%", "Acme_Co", "Zhang San", "Plain 1000"}
	for _, tc := range []struct {
		name   string
		filter map[string]any
		want   []string
	}{
		{"none", map[string]any{}, all},
		{"stage", map[string]any{"stages": []string{"ACTIVE"}}, []string{"王伟", "Plain 1000"}},
		{"stages", map[string]any{"stages": []string{"PROSPECT", "LOST"}}, []string{"Li Na 100%", "Acme_Co"}},
		{"tier", map[string]any{"tiers": []string{"TKA"}}, []string{"王伟"}},
		{"owner", map[string]any{"ownerIds": []string{u("agentB")}}, []string{"Li Na 100%"}},
		{"owners", map[string]any{"ownerIds": []string{u("agentB"), u("agentC")}}, []string{"Li Na 100%", "Acme_Co"}},
		{"owner of W2", map[string]any{"ownerIds": []string{env.W2.Users["agentA"].ID}}, nil},
		{"relationship type", map[string]any{"relationshipTypeIds": []string{rt2}}, []string{"Li Na 100%"}},
		{"tag", map[string]any{"tag": "vip"}, []string{"王伟", "Li Na 100%"}},
		{"Chinese tag", map[string]any{"tag": " 华东 "}, []string{"王伟"}},
		{"risk levels", map[string]any{"riskLevels": []string{"CRITICAL", "AT_RISK"}}, []string{"王伟", "Li Na 100%"}},
		{"owner departed", map[string]any{"ownerDeparted": true}, []string{"Acme_Co"}},
		{"search 王", map[string]any{"search": "王"}, []string{"王伟"}},
		{"search 伟", map[string]any{"search": "伟"}, []string{"王伟"}},
		{"search email, any case", map[string]any{"search": "LI.NA@EXAMPLE"}, []string{"Li Na 100%"}},
		{"search company", map[string]any{"search": "corporation"}, []string{"Acme_Co"}},
		{"search phone", map[string]any{"search": "138 0000"}, []string{"Acme_Co"}},
		{"search contact email", map[string]any{"search": "zhao@contact"}, []string{"Zhang San"}},
		{"search contact name", map[string]any{"search": "赵"}, []string{"Zhang San"}},
		{"search contact wechat", map[string]any{"search": "zs_wechat"}, []string{"Zhang San"}},
		{"search % is literal", map[string]any{"search": "%"}, []string{"Li Na 100%"}},
		{"search 0% is literal", map[string]any{"search": "0%"}, []string{"Li Na 100%"}},
		{"search _ is literal", map[string]any{"search": "_"}, []string{"Acme_Co", "Zhang San"}},
		{"search e_c is literal", map[string]any{"search": "e_C"}, []string{"Acme_Co"}},
		{"search backslash", map[string]any{"search": `\`}, nil},
		{"search quote", map[string]any{"search": `' OR ''='`}, nil},
		{"search blank is no filter", map[string]any{"search": "   "}, all},
		{"combined", map[string]any{"stages": []string{"ACTIVE"}, "tag": "vip", "search": "王"}, []string{"王伟"}},
		{"empty lists are no filter", map[string]any{"stages": []string{}, "ownerIds": []string{}}, all},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c := listCustomers(t, env, admin, map[string]any{"filter": tc.filter})
			if !sameSet(c.names(), tc.want) || c.TotalCount != len(tc.want) {
				t.Errorf("got %q (total %d), want %q", c.names(), c.TotalCount, tc.want)
			}
		})
	}
	t.Run("visibility still applies", func(t *testing.T) {
		t.Parallel()
		c := listCustomers(t, env, agent, map[string]any{"filter": map[string]any{"ownerIds": []string{u("agentB")}}})
		if len(c.Edges) != 0 || c.TotalCount != 0 {
			t.Errorf("agentA filtering on agentB sees %v", c.names())
		}
	})
	t.Run("bad filters", func(t *testing.T) {
		t.Parallel()
		ids := make([]string, 101)
		for i := range ids {
			ids[i] = db.NewID()
		}
		for _, tc := range []struct {
			filter map[string]any
			field  string
		}{
			{map[string]any{"search": strings.Repeat("s", 101)}, "filter.search"},
			{map[string]any{"search": strings.Repeat("搜", 101)}, "filter.search"},
			{map[string]any{"search": "a\x00b"}, "filter.search"},
			{map[string]any{"tag": strings.Repeat("t", 41)}, "filter.tag"},
			{map[string]any{"ownerIds": []string{"x"}}, "filter.ownerIds"},
			{map[string]any{"ownerIds": ids}, "filter.ownerIds"},
			{map[string]any{"relationshipTypeIds": []string{"' OR 1=1"}}, "filter.relationshipTypeIds"},
			{map[string]any{"stages": []string{"GONE"}}, ""},
			{map[string]any{"riskLevels": []string{"DOOMED"}}, ""},
			{map[string]any{"unknown": true}, ""},
		} {
			wantErr(t, gql(t, env, admin, customersQuery, map[string]any{"first": 10, "filter": tc.filter}), retain.EINVALID, tc.field)
		}
	})
}
