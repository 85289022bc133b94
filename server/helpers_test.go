package server_test

// Shared helpers for the HTTP tests: a GraphQL client bound to the calling
// (sub)test, error assertions, and database probes that prove a refused
// request changed nothing.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/retain-crm/retain"
	"github.com/retain-crm/retain/db"
	"github.com/retain-crm/retain/server/servertest"
)

// leakWords must never appear in an error shown to a client: they would mean
// SQL text, driver errors or a panic reached the API.
var leakWords = []string{"SQL", "SQLSTATE", "pq:", "bun:", "pgdriver", "panic", "goroutine", "runtime/", ".go:"}

// gql posts an operation as the holder of tok ("" for anonymous). Unlike
// env.Do it reports to t, so it is safe in subtests and goroutines; every
// response is checked for leaked internals.
func gql(t testing.TB, env *servertest.Env, tok, query string, vars map[string]any) *servertest.Response {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, _ := http.NewRequest(http.MethodPost, env.URL+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	return send(t, req)
}

// send performs a raw request and decodes a GraphQL-shaped answer.
func send(t testing.TB, req *http.Request) *servertest.Response {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Errorf("%s %s: %v", req.Method, req.URL, err)
		return &servertest.Response{}
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	r := &servertest.Response{Status: resp.StatusCode, Header: resp.Header, Raw: string(b)}
	_ = json.Unmarshal(b, r)
	checkNoLeak(t, r)
	return r
}

// checkNoLeak fails the test when an error message or extension shows internals.
func checkNoLeak(t testing.TB, r *servertest.Response) {
	t.Helper()
	for _, e := range r.Errors {
		ext, _ := json.Marshal(e.Extensions)
		text := e.Message + " " + string(ext)
		for _, w := range leakWords {
			if strings.Contains(text, w) {
				t.Errorf("error leaks internals (%q): %s", w, r.Raw)
			}
		}
		if e.Code() == "" {
			t.Errorf("error without extensions.code: %s", r.Raw)
		}
	}
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
// empty, names that field in extensions.field.
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
}

// want401 asserts the request was refused at the door as UNAUTHENTICATED.
func want401(t testing.TB, r *servertest.Response) {
	t.Helper()
	if r.Status != http.StatusUnauthorized {
		t.Errorf("HTTP %d, want 401: %s", r.Status, r.Raw)
	}
	wantErr(t, r, retain.EUNAUTHENTICATED, "")
	if len(r.Data) > 0 && string(r.Data) != "null" {
		t.Errorf("refused request returned data: %s", r.Raw)
	}
}

// session is what a MOBILE login returns.
type session struct {
	Access, Refresh string
}

const loginMobile = `mutation($e:String!,$p:String!){login(input:{email:$e,password:$p,client:MOBILE}){accessToken refreshToken}}`

// login signs a fixture user in as a mobile client.
func login(t testing.TB, env *servertest.Env, w *servertest.Workspace, key string) session {
	t.Helper()
	var out struct {
		Login struct{ AccessToken, RefreshToken string }
	}
	mustOK(t, gql(t, env, "", loginMobile, map[string]any{"e": w.Users[key].Email, "p": servertest.Password}), &out)
	return session{out.Login.AccessToken, out.Login.RefreshToken}
}

// tokens signs in every fixture user of w and returns their access tokens.
func tokens(t testing.TB, env *servertest.Env, w *servertest.Workspace) map[string]string {
	t.Helper()
	out := map[string]string{}
	for key := range w.Users {
		out[key] = login(t, env, w, key).Access
	}
	return out
}

// sqlInt runs a counting query (bun's ? placeholders).
func sqlInt(t testing.TB, env *servertest.Env, query string, args ...any) int {
	t.Helper()
	var n int
	if err := env.DB.QueryRowContext(context.Background(), query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

// rowJSON returns a whole row as JSON, to compare before and after a refused write.
func rowJSON(t testing.TB, env *servertest.Env, table, id string) string {
	t.Helper()
	var s string
	err := env.DB.QueryRowContext(context.Background(), "SELECT to_jsonb(x)::text FROM "+table+" x WHERE id = ?", id).Scan(&s)
	if err != nil {
		t.Fatalf("read %s %s: %v", table, id, err)
	}
	return s
}

// stateTables are the tables a refused request must leave untouched.
var stateTables = []string{"customers", "users", "relationship_types", "api_tokens", "audit_log", "stage_changes", "refresh_tokens"}

// dbState fingerprints every row of the state tables, so a test can prove a
// refused request changed nothing anywhere.
func dbState(t testing.TB, env *servertest.Env) string {
	t.Helper()
	var b strings.Builder
	for _, table := range stateTables {
		var s string
		err := env.DB.QueryRowContext(context.Background(),
			"SELECT count(*) || ':' || coalesce(md5(string_agg(to_jsonb(x)::text, ',' ORDER BY x.id)), '') FROM "+table+" x").Scan(&s)
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

// customerIn is a valid createCustomer input owned by owner; tests override fields.
func customerIn(w *servertest.Workspace, name, owner string) map[string]any {
	return map[string]any{"name": name, "ownerId": w.Users[owner].ID, "relationshipTypeId": w.RelationshipTypeID}
}

// created is what the create helpers return.
type created struct {
	ID      string `json:"id"`
	Version int    `json:"version"`
}

const createCustomerMut = `mutation($in:CreateCustomerInput!){createCustomer(input:$in){id version}}`

// createCustomer creates a customer over GraphQL and fails the test otherwise.
func createCustomer(t testing.TB, env *servertest.Env, tok string, in map[string]any) created {
	t.Helper()
	var out struct{ CreateCustomer created }
	mustOK(t, gql(t, env, tok, createCustomerMut, map[string]any{"in": in}), &out)
	return out.CreateCustomer
}

// seedCustomer creates a customer directly through the service, for bulk fixtures.
func seedCustomer(t testing.TB, env *servertest.Env, w *servertest.Workspace, in retain.CustomerInput) *retain.Customer {
	t.Helper()
	if in.RelationshipTypeID == "" {
		in.RelationshipTypeID = w.RelationshipTypeID
	}
	c, err := (&db.CustomerService{DB: env.DB}).CreateCustomer(w.Actor("admin"), in)
	if err != nil {
		t.Fatalf("seed customer %q: %v", in.Name, err)
	}
	return c
}

// exec runs a fixture statement.
func exec(t testing.TB, env *servertest.Env, query string, args ...any) {
	t.Helper()
	if _, err := env.DB.ExecContext(context.Background(), query, args...); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

// connection is a decoded customers query result.
type connection struct {
	Edges []struct {
		Cursor string
		Node   struct {
			ID, Name string
		}
	}
	PageInfo struct {
		HasNextPage bool
		EndCursor   *string
	}
	TotalCount int
}

func (c connection) names() []string {
	out := make([]string, len(c.Edges))
	for i, e := range c.Edges {
		out[i] = e.Node.Name
	}
	return out
}

const customersQuery = `query($first:Int,$after:String,$filter:CustomerFilter,$order:CustomerOrder){
  customers(first:$first,after:$after,filter:$filter,orderBy:$order){edges{cursor node{id name}} pageInfo{hasNextPage endCursor} totalCount}}`

// listCustomers returns one page of customers as seen by tok.
func listCustomers(t testing.TB, env *servertest.Env, tok string, vars map[string]any) connection {
	t.Helper()
	if vars == nil {
		vars = map[string]any{}
	}
	if _, ok := vars["first"]; !ok {
		vars["first"] = 100
	}
	var out struct{ Customers connection }
	mustOK(t, gql(t, env, tok, customersQuery, vars), &out)
	return out.Customers
}

// sameSet reports whether a and b hold the same strings, ignoring order.
func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	m := map[string]int{}
	for _, s := range a {
		m[s]++
	}
	for _, s := range b {
		m[s]--
		if m[s] < 0 {
			return false
		}
	}
	return true
}
