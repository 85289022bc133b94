package workflowtest_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/retain-crm/retain"
	"github.com/retain-crm/retain/server/servertest"
)

const (
	batchFields        = `applied replayed rows{index externalId id created error{code field message}}`
	upsertCustomersMut = `mutation($rows:[CustomerUpsertInput!]!,$key:String){upsertCustomers(rows:$rows,idempotencyKey:$key){` + batchFields + `}}`
	upsertOrdersMut    = `mutation($rows:[OrderUpsertInput!]!,$key:String){upsertOrders(rows:$rows,idempotencyKey:$key){` + batchFields + `}}`
	logInteractionsMut = `mutation($rows:[InteractionImportInput!]!,$key:String){logInteractions(rows:$rows,idempotencyKey:$key){` + batchFields + `}}`
)

type rowOut struct {
	Index      int
	ExternalID string
	ID         *string
	Created    bool
	Error      *struct {
		Code    string
		Field   *string
		Message string
	}
}

type batchOut struct {
	Applied, Replayed bool
	Rows              []rowOut
}

// batch runs a batch mutation and returns its result, failing on a GraphQL error.
func batch(t testing.TB, env *servertest.Env, tok, mut string, rows []map[string]any, key any) batchOut {
	t.Helper()
	return batchWith(t, env, tok, nil, mut, rows, key)
}

func batchWith(t testing.TB, env *servertest.Env, tok string, headers map[string]string, mut string, rows []map[string]any, key any) batchOut {
	t.Helper()
	var out map[string]batchOut
	mustOK(t, gqlHeaders(t, env, tok, headers, mut, map[string]any{"rows": rows, "key": key}), &out)
	for _, v := range out {
		return v
	}
	t.Fatal("no batch result")
	return batchOut{}
}

// rowErrors maps row index to "code field" for rows with errors.
func rowErrors(b batchOut) map[int]string {
	m := map[int]string{}
	for _, r := range b.Rows {
		if r.Error != nil {
			f := ""
			if r.Error.Field != nil {
				f = *r.Error.Field
			}
			m[r.Index] = r.Error.Code + " " + f
		}
	}
	return m
}

func TestIntegrationBatches(t *testing.T) {
	t.Parallel()
	env := servertest.New(t)
	w := env.W1
	tok := tokens(t, env, w)
	u := func(k string) string { return w.Users[k].ID }
	now := env.Clock.Now()
	erp := apiToken(t, env, tok["admin"], allScopes...)
	readOnly := apiToken(t, env, tok["admin"], "customers:read")
	noOrders := apiToken(t, env, tok["admin"], "customers:read", "customers:write", "interactions:write")
	w2 := apiToken(t, env, login(t, env, env.W2, "admin"), allScopes...)
	customers := func() int { return sqlInt(t, env, "SELECT count(*) FROM customers WHERE workspace_id = ?", w.ID) }
	cust := func(ext, name, owner string) map[string]any {
		m := map[string]any{"externalId": ext, "name": name}
		if owner != "" {
			m["ownerId"] = u(owner)
		}
		return m
	}

	var c1 string
	t.Run("upsert customers: create, then update by external id", func(t *testing.T) {
		b := batch(t, env, erp, upsertCustomersMut, []map[string]any{cust("C-1", "张三商行", "agentA"), cust("C-2", "Li Trading", "agentB"),
			{"externalId": "C-3", "name": "Tiered", "ownerId": u("agentA"), "tier": "PKA", "city": "杭州", "tags": []string{"erp"}, "annualRevenue": 5e5}}, nil)
		if !b.Applied || b.Replayed || len(b.Rows) != 3 {
			t.Fatalf("batch %+v", b)
		}
		for i, r := range b.Rows {
			if r.Index != i || r.ID == nil || !r.Created || r.Error != nil {
				t.Errorf("row %d = %+v", i, r)
			}
		}
		c1 = *b.Rows[0].ID
		var out struct {
			Customer struct {
				ExternalID, Name, Tier string
				Owner                  idOf
				RelationshipType       struct{ Name string }
			}
		}
		mustOK(t, gql(t, env, tok["agentA"], `query($id:ID!){customer(id:$id){externalId name tier owner{id} relationshipType{name}}}`, map[string]any{"id": c1}), &out)
		if out.Customer.ExternalID != "C-1" || out.Customer.Owner.ID != u("agentA") || out.Customer.RelationshipType.Name != "Transactional" {
			t.Errorf("created %+v", out.Customer)
		}
		if n := sqlInt(t, env, "SELECT count(*) FROM audit_log WHERE action = 'batch.upsertCustomers' AND actor_token_id IS NOT NULL AND actor_user_id IS NULL"); n != 1 {
			t.Errorf("batch audit rows by the token = %d, want 1", n)
		}
		if n := sqlInt(t, env, "SELECT count(*) FROM audit_log WHERE action = 'customer.create' AND entity_id = ? AND actor_token_id IS NOT NULL", c1); n != 1 {
			t.Errorf("per-customer audit rows = %d, want 1", n)
		}

		n := customers()
		b = batch(t, env, erp, upsertCustomersMut, []map[string]any{{"externalId": "C-1", "name": "张三商行（新）", "city": "上海"}}, nil)
		if !b.Applied || len(b.Rows) != 1 || b.Rows[0].Created || b.Rows[0].ID == nil || *b.Rows[0].ID != c1 {
			t.Errorf("update batch %+v", b)
		}
		if customers() != n {
			t.Error("an update created a customer")
		}
		if got := sqlString(t, env, "SELECT name || '/' || city || '/' || version FROM customers WHERE id = ?", c1); got != "张三商行（新）/上海/2" {
			t.Errorf("updated row = %s", got)
		}
	})

	t.Run("rejected batches write nothing", func(t *testing.T) {
		many := make([]map[string]any, 1001)
		for i := range many {
			many[i] = cust(fmt.Sprintf("M-%d", i), "Many", "agentA")
		}
		before := dbState(t, env)
		wantErr(t, gql(t, env, erp, upsertCustomersMut, map[string]any{"rows": many}), retain.EINVALID, "rows")
		wantErr(t, gql(t, env, erp, upsertCustomersMut, map[string]any{"rows": []map[string]any{}}), retain.EINVALID, "rows")
		wantErr(t, gql(t, env, erp, upsertCustomersMut, map[string]any{"rows": []map[string]any{cust("K", "k", "agentA")}, "key": ""}), retain.EINVALID, "idempotencyKey")
		for _, tc := range []struct {
			name   string
			rows   []map[string]any
			errors map[int]string
		}{
			{"duplicate external id", []map[string]any{cust("D-1", "d1", "agentA"), cust("D-2", "d2", "agentA"), cust("D-1", "d1 again", "agentA")},
				map[int]string{2: "BAD_USER_INPUT externalId"}},
			{"duplicate external id, padded", []map[string]any{cust("D-3", "d3", "agentA"), cust(" D-3 ", "d3 again", "agentA")},
				map[int]string{1: "BAD_USER_INPUT externalId"}},
			{"empty name", []map[string]any{cust("E-1", "fine", "agentA"), cust("E-2", "", "agentA")}, map[int]string{1: "BAD_USER_INPUT input.name"}},
			{"new customer without owner", []map[string]any{cust("E-3", "no owner", "")}, map[int]string{0: "BAD_USER_INPUT ownerId"}},
			{"owner is a viewer", []map[string]any{cust("E-4", "viewer owned", "viewer")}, map[int]string{0: "BAD_USER_INPUT input.ownerId"}},
			{"bad email", []map[string]any{{"externalId": "E-5", "name": "x", "ownerId": u("agentA"), "email": "nope"}}, map[int]string{0: "BAD_USER_INPUT input.email"}},
			{"bad update among good rows", []map[string]any{cust("E-6", "new", "agentA"), {"externalId": "C-1", "name": " "}}, map[int]string{1: "BAD_USER_INPUT input.name"}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				b := batch(t, env, erp, upsertCustomersMut, tc.rows, nil)
				if b.Applied || len(b.Rows) != len(tc.rows) {
					t.Errorf("batch %+v", b)
				}
				if got := rowErrors(b); fmt.Sprint(got) != fmt.Sprint(tc.errors) {
					t.Errorf("row errors = %v, want %v", got, tc.errors)
				}
				for _, r := range b.Rows {
					if r.ID != nil || r.Created {
						t.Errorf("rejected batch reports row %d as written: %+v", r.Index, r)
					}
				}
			})
		}
		unchanged(t, env, before)
	})

	t.Run("idempotency key as an argument", func(t *testing.T) {
		rows := []map[string]any{cust("F-1", "Idem", "agentA")}
		first := batch(t, env, erp, upsertCustomersMut, rows, "import-2027-01-01")
		if !first.Applied || first.Replayed || !first.Rows[0].Created {
			t.Fatalf("first %+v", first)
		}
		n, audits := customers(), sqlInt(t, env, "SELECT count(*) FROM audit_log WHERE action LIKE 'batch.%'")
		again := batch(t, env, erp, upsertCustomersMut, rows, "import-2027-01-01")
		if !again.Replayed || !again.Applied || *again.Rows[0].ID != *first.Rows[0].ID || !again.Rows[0].Created {
			t.Errorf("replay %+v, first %+v", again, first)
		}
		if customers() != n || sqlInt(t, env, "SELECT count(*) FROM audit_log WHERE action LIKE 'batch.%'") != audits {
			t.Error("the replay applied the batch again")
		}
		other := apiToken(t, env, tok["admin"], allScopes...)
		before := dbState(t, env)
		r := gql(t, env, erp, upsertCustomersMut, map[string]any{"rows": []map[string]any{cust("F-1", "Idem, changed", "agentA")}, "key": "import-2027-01-01"})
		wantErr(t, r, retain.ECONFLICT, "idempotencyKey")
		// The same key for another kind of batch is a different request too.
		r = gql(t, env, erp, logInteractionsMut, map[string]any{"rows": []map[string]any{{"externalId": "X", "customerExternalId": "F-1", "channel": "CALL",
			"occurredAt": ts(now), "summary": "x"}}, "key": "import-2027-01-01"})
		wantErr(t, r, retain.ECONFLICT, "idempotencyKey")
		// Keys belong to their caller: another token or user of the
		// workspace sending the same body does not get the first result.
		wantErr(t, gql(t, env, other, upsertCustomersMut, map[string]any{"rows": rows, "key": "import-2027-01-01"}), retain.ECONFLICT, "idempotencyKey")
		wantErr(t, gql(t, env, tok["agentA"], upsertCustomersMut, map[string]any{"rows": rows, "key": "import-2027-01-01"}), retain.ECONFLICT, "idempotencyKey")
		unchanged(t, env, before)
		// Keys belong to a workspace: W2 may use the same one.
		if b := batch(t, env, w2, upsertCustomersMut, []map[string]any{{"externalId": "F-1", "name": "W2's own", "ownerId": env.W2.Users["agentA"].ID}}, "import-2027-01-01"); b.Replayed || !b.Applied {
			t.Errorf("W2 got W1's stored result: %+v", b)
		}
	})

	t.Run("idempotency key as a header", func(t *testing.T) {
		h := map[string]string{"Idempotency-Key": "hdr-42"}
		rows := []map[string]any{cust("H-1", "Header", "agentB")}
		first := batchWith(t, env, erp, h, upsertCustomersMut, rows, nil)
		n := customers()
		again := batchWith(t, env, erp, h, upsertCustomersMut, rows, nil)
		if !first.Applied || first.Replayed || !again.Replayed || *again.Rows[0].ID != *first.Rows[0].ID || customers() != n {
			t.Errorf("first %+v, again %+v", first, again)
		}
		before := dbState(t, env)
		r := gqlHeaders(t, env, erp, h, upsertCustomersMut, map[string]any{"rows": []map[string]any{cust("H-1", "Header, changed", "agentB")}})
		wantErr(t, r, retain.ECONFLICT, "idempotencyKey")
		unchanged(t, env, before)
	})

	t.Run("concurrent retries apply once", func(t *testing.T) {
		rows := []map[string]any{cust("R-1", "Retried", "agentA"), cust("R-2", "Retried too", "agentB")}
		const n = 6
		results := make(chan *servertest.Response, n)
		var wg sync.WaitGroup
		for range n {
			wg.Go(func() {
				body, _ := json.Marshal(map[string]any{"query": upsertCustomersMut, "variables": map[string]any{"rows": rows, "key": "retry-storm"}})
				req, _ := http.NewRequest(http.MethodPost, env.URL+"/graphql", bytes.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("Authorization", "Bearer "+erp)
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					results <- &servertest.Response{Raw: err.Error()}
					return
				}
				defer resp.Body.Close()
				b, _ := io.ReadAll(resp.Body)
				r := &servertest.Response{Status: resp.StatusCode, Raw: string(b)}
				_ = json.Unmarshal(b, r)
				results <- r
			})
		}
		wg.Wait()
		close(results)
		fresh, replays := 0, 0
		var ids []string
		for r := range results {
			var out struct{ UpsertCustomers batchOut }
			if len(r.Errors) > 0 || json.Unmarshal(r.Data, &out) != nil {
				t.Errorf("retry failed: %s", r.Raw)
				continue
			}
			if out.UpsertCustomers.Replayed {
				replays++
			} else {
				fresh++
			}
			ids = append(ids, *out.UpsertCustomers.Rows[0].ID)
		}
		if fresh != 1 || replays != n-1 {
			t.Errorf("%d applied, %d replayed; want 1 and %d", fresh, replays, n-1)
		}
		if slices.Sort(ids); len(slices.Compact(ids)) != 1 {
			t.Errorf("retries answered with different ids: %v", ids)
		}
		if c := sqlInt(t, env, "SELECT count(*) FROM customers WHERE external_id IN ('R-1', 'R-2')"); c != 2 {
			t.Errorf("customers created = %d, want 2", c)
		}
	})

	t.Run("a rejected batch can be fixed and resent under its key", func(t *testing.T) {
		bad := batch(t, env, erp, upsertCustomersMut, []map[string]any{cust("G-1", "", "agentA")}, "fix-me")
		if bad.Applied {
			t.Fatalf("bad batch applied: %+v", bad)
		}
		good := batch(t, env, erp, upsertCustomersMut, []map[string]any{cust("G-1", "Fixed", "agentA")}, "fix-me")
		if !good.Applied || good.Replayed {
			t.Errorf("fixed batch %+v", good)
		}
	})

	t.Run("upsert orders by customer external id", func(t *testing.T) {
		order := func(ext, cust string, amount float64) map[string]any {
			return map[string]any{"externalId": ext, "customerExternalId": cust, "amount": amount, "cost": amount / 2, "orderedAt": ts(now.Add(-48 * time.Hour))}
		}
		ret := order("O-2", "C-2", 30)
		ret["kind"] = "RETURN"
		b := batch(t, env, erp, upsertOrdersMut, []map[string]any{order("O-1", "C-1", 100), ret}, nil)
		if !b.Applied || !b.Rows[0].Created || !b.Rows[1].Created {
			t.Fatalf("orders %+v", b)
		}
		o1 := *b.Rows[0].ID
		b = batch(t, env, erp, upsertOrdersMut, []map[string]any{order("O-1", "C-1", 120)}, nil)
		if !b.Applied || b.Rows[0].Created || *b.Rows[0].ID != o1 {
			t.Errorf("correction %+v", b)
		}
		if got := sqlString(t, env, "SELECT amount::text FROM orders WHERE id = ?", o1); got != "120.00" {
			t.Errorf("corrected amount = %s", got)
		}
		var p struct {
			Customer struct{ Profit struct{ Revenue float64 } }
		}
		mustOK(t, gql(t, env, tok["agentA"], `query($id:ID!){customer(id:$id){profit{revenue}}}`, map[string]any{"id": c1}), &p)
		if p.Customer.Profit.Revenue != 120 {
			t.Errorf("revenue = %v, want 120", p.Customer.Profit.Revenue)
		}

		before := dbState(t, env)
		neg := order("O-4", "C-1", 10)
		neg["amount"] = -10
		future := order("O-5", "C-1", 10)
		future["orderedAt"] = ts(now.Add(72 * time.Hour))
		b = batch(t, env, erp, upsertOrdersMut, []map[string]any{order("O-3", "C-1", 10), order("O-6", "NOPE", 10), neg, future, order("O-3", "C-2", 1)}, nil)
		want := map[int]string{1: "BAD_USER_INPUT customerExternalId", 2: "BAD_USER_INPUT input.amount", 3: "BAD_USER_INPUT input.orderedAt", 4: "BAD_USER_INPUT externalId"}
		if b.Applied || fmt.Sprint(rowErrors(b)) != fmt.Sprint(want) {
			t.Errorf("bad orders: applied %v, errors %v, want %v", b.Applied, rowErrors(b), want)
		}
		unchanged(t, env, before)
	})

	t.Run("log interactions without duplicates", func(t *testing.T) {
		row := map[string]any{"externalId": "CALL-9", "customerExternalId": "C-1", "channel": "CALL", "occurredAt": ts(now.Add(-time.Hour)),
			"summary": "inbound call from the call centre", "sentiment": -1, "durationMinutes": 12}
		b := batch(t, env, erp, logInteractionsMut, []map[string]any{row}, nil)
		if !b.Applied || !b.Rows[0].Created {
			t.Fatalf("first import %+v", b)
		}
		id := *b.Rows[0].ID
		b = batch(t, env, erp, logInteractionsMut, []map[string]any{row, {"externalId": "CALL-10", "customerExternalId": "C-1", "channel": "EMAIL",
			"occurredAt": ts(now), "summary": "follow-up"}}, nil)
		if !b.Applied || b.Rows[0].Created || *b.Rows[0].ID != id || !b.Rows[1].Created {
			t.Errorf("second import %+v", b)
		}
		if n := sqlInt(t, env, "SELECT count(*) FROM interactions WHERE external_id = 'CALL-9'"); n != 1 {
			t.Errorf("CALL-9 stored %d times", n)
		}
		var out struct {
			Customer struct {
				LastContactAt string
				Timeline      timelinePage
			}
		}
		mustOK(t, gql(t, env, tok["agentA"], `query($id:ID!){customer(id:$id){lastContactAt timeline(first:1){edges{node{kind}}}}}`, map[string]any{"id": c1}), &out)
		if !parseTime(t, out.Customer.LastContactAt).Equal(now) {
			t.Errorf("lastContactAt = %s", out.Customer.LastContactAt)
		}
		before := dbState(t, env)
		b = batch(t, env, erp, logInteractionsMut, []map[string]any{{"externalId": "CALL-11", "customerExternalId": "C-1", "channel": "CALL",
			"occurredAt": ts(now), "summary": "", "sentiment": 5}}, nil)
		if b.Applied || len(rowErrors(b)) != 1 {
			t.Errorf("bad interaction row: %+v", b)
		}
		unchanged(t, env, before)
	})

	t.Run("scopes and roles", func(t *testing.T) {
		before := dbState(t, env)
		custRows := []map[string]any{cust("S-1", "scoped", "agentA")}
		orderRows := []map[string]any{{"externalId": "S-O", "customerExternalId": "C-1", "amount": 1, "orderedAt": ts(now)}}
		itRows := []map[string]any{{"externalId": "S-I", "customerExternalId": "C-1", "channel": "CALL", "occurredAt": ts(now), "summary": "x"}}
		for _, tc := range []struct {
			name, tok, mut string
			rows           []map[string]any
		}{
			{"read-only token upserts customers", readOnly, upsertCustomersMut, custRows},
			{"read-only token logs interactions", readOnly, logInteractionsMut, itRows},
			{"token without orders:write", noOrders, upsertOrdersMut, orderRows},
			{"agent upserts orders", tok["agentA"], upsertOrdersMut, orderRows},
			{"viewer upserts customers", tok["viewer"], upsertCustomersMut, custRows},
			{"viewer logs interactions", tok["viewer"], logInteractionsMut, itRows},
		} {
			t.Run(tc.name, func(t *testing.T) {
				wantErr(t, gql(t, env, tc.tok, tc.mut, map[string]any{"rows": tc.rows}), retain.EFORBIDDEN, "")
			})
		}
		unchanged(t, env, before)
	})

	t.Run("another workspace's token", func(t *testing.T) {
		w1Row := sqlString(t, env, "SELECT to_jsonb(c)::text FROM customers c WHERE id = ?", c1)
		orders := sqlInt(t, env, "SELECT count(*) FROM orders WHERE workspace_id = ?", w.ID)
		b := batch(t, env, w2, upsertOrdersMut, []map[string]any{{"externalId": "O-1", "customerExternalId": "C-1", "amount": 1, "orderedAt": ts(now)}}, nil)
		unknown := batch(t, env, w2, upsertOrdersMut, []map[string]any{{"externalId": "O-1", "customerExternalId": "NO-SUCH", "amount": 1, "orderedAt": ts(now)}}, nil)
		if got, want := jsonOf(b.Rows), jsonOf(unknown.Rows); b.Applied || got != want {
			t.Errorf("a W1 external id looks different from an unknown one: %s vs %s", got, want)
		}
		b = batch(t, env, w2, logInteractionsMut, []map[string]any{{"externalId": "CALL-9", "customerExternalId": "C-1", "channel": "CALL", "occurredAt": ts(now), "summary": "x"}}, nil)
		if b.Applied || rowErrors(b)[0] != "BAD_USER_INPUT customerExternalId" {
			t.Errorf("W2 logged on a W1 customer: %+v", b)
		}
		b = batch(t, env, w2, upsertCustomersMut, []map[string]any{{"externalId": "C-1", "name": "W2's C-1", "ownerId": env.W2.Users["agentA"].ID}}, nil)
		if !b.Applied || !b.Rows[0].Created || *b.Rows[0].ID == c1 {
			t.Errorf("W2's C-1: %+v", b)
		}
		if got := sqlString(t, env, "SELECT to_jsonb(c)::text FROM customers c WHERE id = ?", c1); got != w1Row {
			t.Error("a W2 batch changed a W1 customer")
		}
		if n := sqlInt(t, env, "SELECT count(*) FROM orders WHERE workspace_id = ?", w.ID); n != orders {
			t.Error("a W2 batch changed W1 orders")
		}
		if slices.ContainsFunc(b.Rows, func(r rowOut) bool { return r.Error != nil }) {
			t.Errorf("W2 rows: %+v", b.Rows)
		}
	})
}

func jsonOf(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
