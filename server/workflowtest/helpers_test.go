package workflowtest_test

// Shared helpers for the workflow tests: a GraphQL client bound to the
// calling (sub)test, error assertions, fixtures, and database fingerprints
// that prove a refused request changed nothing.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/retain-crm/retain"
	"github.com/retain-crm/retain/db"
	"github.com/retain-crm/retain/server/servertest"
)

// leakWords must never appear in an error shown to a client.
var leakWords = []string{"SQL", "SQLSTATE", "pq:", "bun:", "pgdriver", "panic", "goroutine", "runtime/", ".go:"}

// gql posts an operation as the holder of tok ("" for anonymous). Unlike
// env.Do it reports to t, so it is safe in subtests.
func gql(t testing.TB, env *servertest.Env, tok, query string, vars map[string]any) *servertest.Response {
	t.Helper()
	return gqlHeaders(t, env, tok, nil, query, vars)
}

// gqlHeaders is gql with extra request headers.
func gqlHeaders(t testing.TB, env *servertest.Env, tok string, headers map[string]string, query string, vars map[string]any) *servertest.Response {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, _ := http.NewRequest(http.MethodPost, env.URL+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("POST /graphql: %v", err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	r := &servertest.Response{Status: resp.StatusCode, Header: resp.Header, Raw: string(b)}
	_ = json.Unmarshal(b, r)
	for _, e := range r.Errors {
		ext, _ := json.Marshal(e.Extensions)
		for _, w := range leakWords {
			if strings.Contains(e.Message+" "+string(ext), w) {
				t.Errorf("error leaks internals (%q): %s", w, r.Raw)
			}
		}
		if e.Code() == "" || e.Code() == retain.EINTERNAL {
			t.Errorf("error without a client code: %s", r.Raw)
		}
	}
	return r
}

// mustOK decodes the data of a successful response into out (which may be nil).
func mustOK(t testing.TB, r *servertest.Response, out any) {
	t.Helper()
	if len(r.Errors) > 0 || r.Status != http.StatusOK {
		t.Fatalf("unexpected failure (HTTP %d): %s", r.Status, r.Raw)
	}
	if out != nil {
		if err := json.Unmarshal(r.Data, out); err != nil {
			t.Fatalf("decode %s: %v", r.Raw, err)
		}
	}
}

// wantErr asserts the response failed with code and, when field is not
// empty, names that field in extensions.field. It also asserts no data came
// back: every top-level field is null.
func wantErr(t testing.TB, r *servertest.Response, code, field string) {
	t.Helper()
	if len(r.Errors) == 0 {
		t.Errorf("want %s error, got success: %s", code, r.Raw)
		return
	}
	e := r.Errors[0]
	if e.Code() != code {
		t.Errorf("code = %q, want %q: %s", e.Code(), code, r.Raw)
	}
	if field != "" {
		if got, _ := e.Extensions["field"].(string); got != field {
			t.Errorf("extensions.field = %q, want %q: %s", got, field, r.Raw)
		}
	}
	if strings.TrimSpace(e.Message) == "" {
		t.Errorf("error without a message: %s", r.Raw)
	}
	wantNoData(t, r)
}

// wantNoData asserts every top-level field of the response is null.
func wantNoData(t testing.TB, r *servertest.Response) {
	t.Helper()
	if len(r.Data) == 0 || string(r.Data) == "null" {
		return
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(r.Data, &m); err != nil {
		t.Errorf("data is not an object: %s", r.Raw)
		return
	}
	for k, v := range m {
		if string(v) != "null" {
			t.Errorf("refused request returned data for %s: %s", k, r.Raw)
		}
	}
}

// tokens signs in every fixture user of w and returns their access tokens.
// Access tokens live ten minutes of the server's clock, so tests that move
// the clock sign in again afterwards.
func tokens(t testing.TB, env *servertest.Env, w *servertest.Workspace) map[string]string {
	t.Helper()
	out := map[string]string{}
	for key := range w.Users {
		out[key] = login(t, env, w, key)
	}
	return out
}

// login signs one fixture user in.
func login(t testing.TB, env *servertest.Env, w *servertest.Workspace, key string) string {
	t.Helper()
	var out struct{ Login struct{ AccessToken string } }
	mustOK(t, gql(t, env, "", `mutation($e:String!,$p:String!){login(input:{email:$e,password:$p,client:MOBILE}){accessToken}}`,
		map[string]any{"e": w.Users[key].Email, "p": servertest.Password}), &out)
	return out.Login.AccessToken
}

// apiToken creates an integration token with scopes, as the admin tok.
func apiToken(t testing.TB, env *servertest.Env, adminTok string, scopes ...string) string {
	t.Helper()
	var out struct{ CreateAPIToken struct{ Token string } }
	mustOK(t, gql(t, env, adminTok, `mutation($in:CreateApiTokenInput!){createApiToken(input:$in){token}}`,
		map[string]any{"in": map[string]any{"name": "erp", "scopes": scopes, "expiresInDays": 365}}), &out)
	return out.CreateAPIToken.Token
}

// allScopes is every integration scope.
var allScopes = []string{"customers:read", "customers:write", "orders:write", "interactions:write", "alerts:read"}

// sqlInt runs a counting query (bun's ? placeholders).
func sqlInt(t testing.TB, env *servertest.Env, query string, args ...any) int {
	t.Helper()
	var n int
	if err := env.DB.QueryRowContext(context.Background(), query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

// sqlString runs a query returning one text value.
func sqlString(t testing.TB, env *servertest.Env, query string, args ...any) string {
	t.Helper()
	var s string
	if err := env.DB.QueryRowContext(context.Background(), query, args...).Scan(&s); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return s
}

// exec runs a fixture statement.
func exec(t testing.TB, env *servertest.Env, query string, args ...any) {
	t.Helper()
	if _, err := env.DB.ExecContext(context.Background(), query, args...); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

// stateTables are the tables a refused request must leave untouched.
var stateTables = []string{"customers", "interactions", "promises", "complaints", "remediation_steps", "playbooks", "playbook_steps",
	"stage_changes", "loss_reasons", "orders", "alerts", "key_dates", "audit_log", "idempotency_keys", "risk_score_history"}

// dbState fingerprints every row of the state tables.
func dbState(t testing.TB, env *servertest.Env) string {
	t.Helper()
	var b strings.Builder
	for _, table := range stateTables {
		var s string
		where := ""
		if table == "audit_log" {
			// Signing in (which tests do after moving the clock) is audited
			// too; it is not a write of the workflow.
			where = " WHERE x.action NOT LIKE 'session.%'"
		}
		err := env.DB.QueryRowContext(context.Background(),
			"SELECT count(*) || ':' || coalesce(md5(string_agg(to_jsonb(x)::text, ',' ORDER BY to_jsonb(x)::text)), '') FROM "+table+" x"+where).Scan(&s)
		if err != nil {
			t.Fatalf("fingerprint %s: %v", table, err)
		}
		fmt.Fprintf(&b, "%s=%s ", table, s)
	}
	return b.String()
}

// unchanged asserts the state tables equal an earlier fingerprint.
func unchanged(t testing.TB, env *servertest.Env, before string) {
	t.Helper()
	if after := dbState(t, env); after != before {
		t.Errorf("a refused request changed the database:\nbefore %s\nafter  %s", before, after)
	}
}

// seedCustomer creates a customer through the service as the admin, for fixtures.
func seedCustomer(t testing.TB, env *servertest.Env, w *servertest.Workspace, name, owner string, mods ...func(*retain.CustomerInput)) *retain.Customer {
	t.Helper()
	in := retain.CustomerInput{Name: name, OwnerID: w.Users[owner].ID, RelationshipTypeID: w.RelationshipTypeID}
	for _, m := range mods {
		m(&in)
	}
	c, err := (&db.CustomerService{DB: env.DB}).CreateCustomer(w.Actor("admin"), in)
	if err != nil {
		t.Fatalf("seed customer %q: %v", name, err)
	}
	return c
}

// withBackup sets a backup owner on a seeded customer.
func withBackup(w *servertest.Workspace, key string) func(*retain.CustomerInput) {
	return func(in *retain.CustomerInput) { id := w.Users[key].ID; in.BackupOwnerID = &id }
}

// withExternalID sets a seeded customer's external id.
func withExternalID(ext string) func(*retain.CustomerInput) {
	return func(in *retain.CustomerInput) { in.ExternalID = &ext }
}

// withType sets a seeded customer's relationship type.
func withType(id string) func(*retain.CustomerInput) {
	return func(in *retain.CustomerInput) { in.RelationshipTypeID = id }
}

// withTier sets a seeded customer's tier.
func withTier(tier retain.Tier) func(*retain.CustomerInput) {
	return func(in *retain.CustomerInput) { in.Tier = tier }
}

// relType is a relationship type's contract as the API shows it.
type relType struct {
	ID                 string
	Name               string
	ContactCadenceDays int
	ComplaintSLAHours  int `json:"complaintSlaHours"`
}

// relTypes returns the workspace's relationship types by name.
func relTypes(t testing.TB, env *servertest.Env, tok string) map[string]relType {
	t.Helper()
	var out struct{ RelationshipTypes []relType }
	mustOK(t, gql(t, env, tok, `{relationshipTypes{id name contactCadenceDays complaintSlaHours}}`, nil), &out)
	m := map[string]relType{}
	for _, rt := range out.RelationshipTypes {
		m[rt.Name] = rt
	}
	return m
}

// lossReasonIDs returns the workspace's loss reasons by code.
func lossReasonIDs(t testing.TB, env *servertest.Env, tok string) map[string]string {
	t.Helper()
	var out struct{ LossReasons []struct{ ID, Code string } }
	mustOK(t, gql(t, env, tok, `{lossReasons{id code}}`, nil), &out)
	m := map[string]string{}
	for _, lr := range out.LossReasons {
		m[lr.Code] = lr.ID
	}
	return m
}

// playbook is a playbook as the API shows it.
type playbook struct {
	ID, Code, Name, Purpose string
	Version                 int
	Steps                   []struct {
		Position            int
		Kind, Title         string
		DueOffsetHours      int
		DefaultAssigneeRole string
	}
}

const playbookFields = `id code name purpose version steps{position kind title dueOffsetHours defaultAssigneeRole}`

// playbooks returns the workspace's playbooks by code.
func playbooks(t testing.TB, env *servertest.Env, tok string) map[string]playbook {
	t.Helper()
	var out struct{ Playbooks []playbook }
	mustOK(t, gql(t, env, tok, `{playbooks{`+playbookFields+`}}`, nil), &out)
	m := map[string]playbook{}
	for _, pb := range out.Playbooks {
		m[pb.Code] = pb
	}
	return m
}

// ts formats a time for a GraphQL Time argument.
func ts(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// parseTime parses a Time from a response.
func parseTime(t testing.TB, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		t.Fatalf("parse time %q: %v", s, err)
	}
	return v
}

// idOf is a node with an id.
type idOf struct{ ID string }

// auditCount counts audit rows of an action about an entity.
func auditCount(t testing.TB, env *servertest.Env, action, entityID string) int {
	t.Helper()
	return sqlInt(t, env, "SELECT count(*) FROM audit_log WHERE action = ? AND entity_id = ?", action, entityID)
}
